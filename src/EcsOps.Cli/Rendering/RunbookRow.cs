using EcsOps.Runbooks;
using EcsOps.Runbooks.Running;

namespace EcsOps.Cli.Rendering;

/// <summary>One runbook in <c>ecsops runbooks --output json</c>.</summary>
public sealed record RunbookRow(
    string Name,
    string? Description,
    string Mode,
    string? Target,
    string? Container,
    string Timeout,
    string Approval,
    string? Lock,
    bool Idempotent,
    string Source,
    IReadOnlyList<RunbookParameterRow> Parameters)
{
    public static RunbookRow From(Runbook runbook)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        return new RunbookRow(
            runbook.Name,
            runbook.Description,
            runbook.Mode == RunbookMode.Task ? "task" : "exec",
            runbook.Target,
            runbook.Container,
            Durations.Format(runbook.Timeout),
            runbook.Approval == RunbookApproval.Required ? "required" : "none",
            runbook.Lock?.Text,
            runbook.Idempotent,
            runbook.Source.ToString(),
            runbook.Parameters.Definitions.Select(RunbookParameterRow.From).ToList());
    }
}
