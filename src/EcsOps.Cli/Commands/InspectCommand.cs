using System.CommandLine;
using System.Text.Json;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Inspect;
using EcsOps.Aws.Sessions;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;
using EcsOps.Cli.Targeting;
using EcsOps.Runbooks.Exec;
using EcsOps.Runbooks.Inspect;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops inspect [SELECTOR] [--env] [--reveal] [--file PATH]... [--defs] [--stopped] [--logs N] [--output json]</c>:
/// a running container's task at a glance, and on request its environment (secrets masked), configuration files, the
/// task definition diffed against the service's revision, the service's recent stops and the last log lines. A reveal
/// (<c>--reveal</c>) is recorded in the audit trail before any secret is shown; when it cannot be, nothing is shown.
/// </summary>
public static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var selector = SelectorArgument.Create();
        var env = new Option<bool>("--env") { Description = "The container's environment: definition, secrets (masked) and live values via exec" };
        var reveal = new Option<bool>("--reveal") { Description = "Show secret values instead of masking them (audited)" };
        var reason = ReasonOption.Create();
        var files = new Option<string[]>("--file") { Description = "Show a file from the container (repeatable; first 64 KiB, secrets masked)" };
        var defs = new Option<bool>("--defs") { Description = "The task definition, diffed against the service's (or the newest) revision" };
        var stopped = new Option<bool>("--stopped") { Description = "The service's recently stopped tasks with stop reasons and exit codes" };
        var logs = new Option<int>("--logs") { Description = "The container's last N log lines (awslogs)" };
        logs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 10_000)
            {
                result.AddError("--logs takes a number of lines from 1 to 10000");
            }
        });
        var output = OutputOption.Create("table");
        var targets = new TargetOptions();
        var inspect = new EcsOpsCommand("inspect", "Show a container's task, definition diff, environment (secrets masked), files, stops and logs");
        inspect.Arguments.Add(selector);
        foreach (var option in new Option[] { env, reveal, reason, files, defs, stopped, logs, output })
        {
            inspect.Options.Add(option);
        }

        targets.AddTo(inspect);
        inspect.SetAction(async (parse, cancellationToken) =>
        {
            using var workspace = WorkspaceFactory.Create(parse, context);
            var (container, _) = await ContainerChooser.ChooseAsync(
                workspace, parse, targets, parse.GetValue(selector), context, ExitCodes.Failed, cancellationToken);
            var request = new InspectRequest
            {
                Environment = parse.GetValue(env),
                Reveal = parse.GetValue(reveal),
                Files = parse.GetValue(files) ?? [],
                Definitions = parse.GetValue(defs),
                Stopped = parse.GetValue(stopped),
                LogLines = parse.GetValue(logs),
            };
            var remote = new ContainerCommandRunner(SessionStarter.For(workspace), container, context.Interrupts);

            var revealRecorder = new AuditRevealRecorder(
                AuditTrailFactory.Create(workspace, "cli", message => AuditScope.Warn(context, message)),
                AuditTarget.Of(container),
                parse.GetValue(reason),
                message => AuditScope.Warn(context, message));
            InspectReport report;
            try
            {
                report = await new TaskInspection(
                        TaskInspector.For(workspace), remote, revealRecorder,
                        (failure, ct) => SessionFailureDoctor.ExplainAsync(workspace, container, context, failure, ct))
                    .InspectAsync(container, request, cancellationToken);
            }
            catch (AuditUnavailableException error)
            {
                throw new UserFacingException($"inspect --reveal showed nothing: {error.Message}", ExitCodes.Failed, error);
            }

            if (parse.GetValue(output) == "json")
            {
                await context.Console.Profile.Out.Writer.WriteLineAsync(JsonSerializer.Serialize(report, InspectJsonContext.Readable));
                return ExitCodes.Ok;
            }

            InspectRenderer.Render(context.Console, report);
            return ExitCodes.Ok;
        });
        return inspect;
    }
}
