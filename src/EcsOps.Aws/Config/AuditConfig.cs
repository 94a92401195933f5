namespace EcsOps.Aws.Config;

/// <summary>
/// The <c>audit</c> section: where audit events go (the local hash-chained file, CloudWatch Logs), whether one or
/// every sink must accept them, and where session transcripts are stored.
/// </summary>
public sealed record AuditConfig
{
    public static readonly AuditConfig Default = new();

    /// <summary>False when <c>file: false</c>: no local file (CloudWatch must then be configured).</summary>
    public bool FileEnabled { get; init; } = true;

    /// <summary>The local file as written in the config (<c>~/</c> allowed); null for <see cref="DefaultFilePath"/>.</summary>
    public string? FilePath { get; init; }

    public AuditCloudWatchConfig? CloudWatch { get; init; }

    public TranscriptsConfig? Transcripts { get; init; }

    /// <summary><c>require: all</c>: every sink must store every event; the default (<c>any</c>) needs one.</summary>
    public bool RequireAllSinks { get; init; }

    /// <summary><c>$XDG_STATE_HOME/ecsops/audit.jsonl</c>, else <c>~/.local/state/ecsops/audit.jsonl</c>.</summary>
    public static string DefaultFilePath(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var stateHome = environment.GetNonEmpty("XDG_STATE_HOME")
            ?? Path.Combine(environment.HomeDirectory() ?? Path.GetTempPath(), ".local", "state");
        return Path.Combine(stateHome, "ecsops", "audit.jsonl");
    }

    /// <summary>The file to write: <see cref="FilePath"/> with <c>~/</c> expanded, or the default; null when disabled.</summary>
    public string? ResolveFilePath(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!FileEnabled)
        {
            return null;
        }

        if (FilePath is null)
        {
            return DefaultFilePath(environment);
        }

        return FilePath.StartsWith("~/", StringComparison.Ordinal) && environment.HomeDirectory() is { } home
            ? Path.Combine(home, FilePath[2..])
            : Path.GetFullPath(FilePath);
    }
}
