namespace EcsOps.Runbooks.Postgres;

/// <summary>The backup's S3 location is unusable: no such backup, or a backup of that name already exists.</summary>
public sealed class BackupLocationException : Exception
{
    public BackupLocationException()
        : this("backup location")
    {
    }

    public BackupLocationException(string message)
        : base(message)
    {
    }

    public BackupLocationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
