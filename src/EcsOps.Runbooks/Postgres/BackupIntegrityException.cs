namespace EcsOps.Runbooks.Postgres;

/// <summary>A backup failed verification (no manifest, wrong size or SHA-256, not a pg_dump archive): nothing was restored.</summary>
public sealed class BackupIntegrityException : Exception
{
    public BackupIntegrityException()
        : this("backup integrity")
    {
    }

    public BackupIntegrityException(string message)
        : base(message)
    {
    }

    public BackupIntegrityException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
