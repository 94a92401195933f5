namespace EcsOps.Aws.Config;

/// <summary>
/// The contents of <c>ecsops.yaml</c>: which accounts exist, the defaults for reaching them, named targets, and
/// the audit settings, and the sections later features read (<c>runbooks</c>, <c>server</c>, <c>db</c>), kept unparsed.
/// </summary>
public sealed record EcsOpsConfig
{
    /// <summary>The configuration when there is no file: no accounts listed (the caller's own account is used).</summary>
    public static readonly EcsOpsConfig Empty = new();

    /// <summary>The file it was read from; null for <see cref="Empty"/> or text.</summary>
    public string? SourcePath { get; init; }

    public AccountsConfig Accounts { get; init; } = AccountsConfig.None;

    public DefaultsConfig Defaults { get; init; } = new();

    /// <summary>Named targets by name (ordinal).</summary>
    public IReadOnlyDictionary<string, TargetAlias> Targets { get; init; } = new Dictionary<string, TargetAlias>(StringComparer.Ordinal);

    /// <summary>Where audit events and session transcripts go.</summary>
    public AuditConfig Audit { get; init; } = AuditConfig.Default;

    /// <summary>Top-level sections owned by other features, by key (<c>runbooks</c>, <c>server</c>, <c>db</c>).</summary>
    public IReadOnlyDictionary<string, RawConfigSection> Sections { get; init; } = new Dictionary<string, RawConfigSection>(StringComparer.Ordinal);
}
