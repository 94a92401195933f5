using EcsOps.Runbooks;
using EcsOps.Runbooks.Running;

namespace EcsOps.Cli.Rendering;

/// <summary>A run's plan in <c>ecsops run --dry-run --output json</c>; secret values are masked.</summary>
public sealed record RunPlanRow(
    string RunId,
    string Runbook,
    string Mode,
    RunTargetRow Target,
    string? TaskDefinition,
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Parameters,
    double TimeoutSeconds,
    string? LockScope,
    string? LockLocation,
    string? StagingUri,
    string Approval,
    string Owner)
{
    public static RunPlanRow From(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var target = plan.Target;
        return new RunPlanRow(
            plan.RunId.Value,
            plan.Runbook.Name,
            plan.Runbook.Mode == RunbookMode.Task ? "task" : "exec",
            new RunTargetRow(
                target.AccountId,
                target.AccountName,
                target.Region,
                target.ClusterName,
                target.ServiceName,
                plan.Runbook.Mode == RunbookMode.Task ? null : target.TaskId,
                plan.Task?.Container.Name ?? target.ContainerName),
            plan.Task?.TaskDefinition.TaskDefinitionArn,
            plan.Command.MaskedArgv,
            plan.Parameters.Masked(),
            plan.Timeout.TotalSeconds,
            plan.LockScopeShown,
            plan.LockLocation,
            plan.StagingUri,
            plan.Runbook.Approval == RunbookApproval.Required ? "required" : "none",
            plan.Owner);
    }
}
