using System.Text.RegularExpressions;
using EcsOps.Aws.Discovery;
using EcsOps.Runbooks;
using EcsOps.Runbooks.Running;

namespace EcsOps.Cli.Rendering;

/// <summary>A run's plan as aligned <c>label  value</c> lines, secret values masked, long arguments shortened.</summary>
public static partial class RunPlanText
{
    /// <summary>How much of one argument the plan shows.</summary>
    public const int MaxArgumentShown = 300;

    public static IReadOnlyList<string> Lines(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var runbook = plan.Runbook;
        var target = plan.Target;
        var lines = new List<(string Label, string Value)>
        {
            ("run", plan.RunId.Value),
            ("runbook", runbook.Description is { Length: > 0 } description ? $"{runbook.Name}: {description}" : runbook.Name),
        };
        if (plan.Task is { } task)
        {
            lines.Add(("mode", $"task: a one-off task from {EcsArn.TaskDefinitionName(task.TaskDefinition.TaskDefinitionArn)} of service {task.Service.ServiceName}, "
                + $"command of container {task.Container.Name} overridden"));
            lines.Add(("target", $"{target.AccountName} ({target.AccountId}) / {target.Region} / {target.ClusterName} / {target.ServiceName} / new task / {task.Container.Name}"));
        }
        else
        {
            lines.Add(("mode", "exec: in the running container, over ECS Exec"));
            lines.Add(("target", $"{target.AccountName} ({target.AccountId}) / {target.Region} / {target.ClusterName} / {target.ServiceName ?? "-"} / task {target.TaskId} / {target.ContainerName}"));
        }

        lines.Add(("command", string.Join(' ', plan.Command.MaskedArgv.Select(Shown))));
        lines.Add(("timeout", Durations.Format(plan.Timeout)));
        lines.Add(("lock", plan.LockScopeShown is { } scope ? $"{scope} ({plan.LockLocation})" : "none"));
        if (plan.StagingUri is { } staging)
        {
            var why = plan.Command.HasSecrets ? "it holds secret values, kept out of RunTask's record" : "the command is over RunTask's 8 KiB";
            lines.Add(("staging", $"{staging} ({why}; the task fetches it with the aws CLI)"));
        }

        lines.Add(("approval", runbook.Approval == RunbookApproval.Required ? "required" : "none"));
        lines.Add(("owner", plan.Owner));
        var width = lines.Max(l => l.Label.Length) + 2;
        return lines.Select(l => l.Label.PadRight(width) + l.Value).ToList();
    }

    /// <summary>One argument as a shell would need it typed; long ones shortened.</summary>
    private static string Shown(string argument)
    {
        var shortened = argument.Length > MaxArgumentShown
            ? argument[..MaxArgumentShown] + $"…(+{argument.Length - MaxArgumentShown} characters)"
            : argument;
        return PlainWord().IsMatch(shortened) ? shortened : Runbooks.ShellQuoting.Quote(shortened).ReplaceLineEndings("\\n");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_@%+=:,./-]+$")]
    private static partial Regex PlainWord();
}
