namespace EcsOps.Aws.Audit;

/// <summary>The action kinds EcsOps records; the set is open, so a new command may add its own word.</summary>
public static class AuditActions
{
    /// <summary><c>ecsops exec -- CMD</c>: one command with its exit status.</summary>
    public const string Exec = "exec";

    /// <summary><c>ecsops exec</c> without a command: an interactive shell.</summary>
    public const string Shell = "shell";

    /// <summary><c>ecsops forward</c>: port forwarding through a container.</summary>
    public const string Forward = "forward";

    /// <summary><c>ecsops run</c>: a runbook.</summary>
    public const string Run = "run";

    public const string DbBackup = "db-backup";

    public const string DbRestore = "db-restore";

    /// <summary><c>ecsops cp</c>: files to or from a container.</summary>
    public const string Copy = "cp";

    /// <summary><c>ecsops inspect</c> showing secret values.</summary>
    public const string InspectReveal = "inspect-reveal";
}
