namespace EcsOps.Runbooks.Files;

public enum CopyLocationKind
{
    /// <summary>A path on this machine.</summary>
    Local,

    /// <summary><c>-</c>: standard input as the source, standard output as the destination (a single file).</summary>
    StandardStream,

    /// <summary>A path in a container, <c>[SELECTOR]:PATH</c>.</summary>
    Remote,
}
