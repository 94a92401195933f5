using EcsOps.Runbooks.Parameters;
using EcsOps.Runbooks.Templates;

namespace EcsOps.Runbooks;

/// <summary>
/// One declared runbook: what it runs (an argv template filled from typed parameters), where (a target and a mode),
/// for how long, whether it needs an approval, and which lock scope keeps two runs of it apart.
/// </summary>
public sealed record Runbook
{
    /// <summary>The default <see cref="Timeout"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The selector or named target it runs against; null when every run must name one (<c>--target</c>).</summary>
    public string? Target { get; init; }

    public RunbookMode Mode { get; init; } = RunbookMode.Exec;

    /// <summary>The container (exec: narrows the target; task: the container whose command is overridden).</summary>
    public string? Container { get; init; }

    public required ParameterSchema Parameters { get; init; }

    /// <summary>The argv, with <c>{{parameter}}</c> placeholders filled in one element at a time.</summary>
    public required CommandTemplate Command { get; init; }

    /// <summary>How long a run may take before it is stopped.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public RunbookApproval Approval { get; init; } = RunbookApproval.None;

    /// <summary>The lock scope template (e.g. <c>db:{{database}}</c>); null for no lock.</summary>
    public TextTemplate? Lock { get; init; }

    /// <summary>Running it twice is harmless, so a run cut short may be started again (the server re-queues only these).</summary>
    public bool Idempotent { get; init; }

    public required RunbookSource Source { get; init; }
}
