namespace EcsOps.Runbooks.Files;

public enum CopyItemKind
{
    File,
    Directory,
}
