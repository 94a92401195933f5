using System.CommandLine;
using System.Text.Json;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Config;
using EcsOps.Aws.Discovery;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;
using EcsOps.Cli.Targeting;
using EcsOps.Runbooks;
using EcsOps.Runbooks.Loading;
using EcsOps.Runbooks.Parameters;
using EcsOps.Runbooks.Running;
using Spectre.Console;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops run RUNBOOK [NAME=VALUE ...] [--target SELECTOR] [--timeout D] [--dry-run] [--yes]</c>: runs a declared
/// runbook and exits with its command's exit code. Bad parameters exit 2 before anything happens; a held lock exits 75;
/// a runbook that needs approval exits 77 (run it through <c>ecsops serve</c>); a timeout 124, Ctrl-C 130; failures of
/// ecsops itself 255. The plan goes to stderr (stdout with --dry-run, which runs nothing). Runs are audited: the start
/// event is stored before the run touches its target (or it does not run, exit 255), and refusals (lock, approval) are recorded.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = new Argument<string>("runbook") { Description = "The runbook to run (see 'ecsops runbooks')" };
        var values = new Argument<string[]>("parameters") { Description = "Parameter values as NAME=VALUE", Arity = ArgumentArity.ZeroOrMore };
        var target = new Option<string?>("--target") { Description = "A selector or named target instead of the runbook's own" };
        var timeout = new Option<string?>("--timeout") { Description = "Stop the run after this long (30s, 5m, 1h) instead of the runbook's timeout" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan (target, command, lock) and run nothing" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask before running on a terminal" };
        var refresh = new Option<bool>("--refresh") { Description = "Ignore the discovery cache" };
        var reason = ReasonOption.Create();
        var output = OutputOption.Create("text", "How --dry-run shows the plan: text or json");
        var run = new EcsOpsCommand("run", "Run a runbook declared in ecsops.yaml; exits with its command's exit code")
        {
            FailureExitCode = ExitCodes.EcsOpsError,
        };
        run.Arguments.Add(name);
        run.Arguments.Add(values);
        run.Options.Add(target);
        run.Options.Add(timeout);
        run.Options.Add(dryRun);
        run.Options.Add(yes);
        run.Options.Add(refresh);
        run.Options.Add(reason);
        run.Options.Add(output);
        run.SetAction(async (parse, cancellationToken) =>
        {
            var config = WorkspaceFactory.LoadConfig(parse, context);
            var catalog = RunbookLoader.Load(config, Environment.CurrentDirectory);
            var isDryRun = parse.GetValue(dryRun);
            var (runbook, parameters) = Validate(catalog, parse.GetValue(name)!, parse.GetValue(values) ?? []);
            var runTimeout = ParseTimeout(parse.GetValue(timeout));
            using var workspace = WorkspaceFactory.Create(config);
            var audit = new AuditRunObserver(
                AuditTrailFactory.Create(workspace, "cli", message => AuditScope.Warn(context, message)),
                new AuditRunDetails { Reason = parse.GetValue(reason) });
            if (runbook.Approval == RunbookApproval.Required && !isDryRun)
            {
                var why = $"runbook {runbook.Name} requires approval by a second person, which the CLI cannot give; run it through ecsops serve "
                    + "(Slack or a signed webhook), where someone other than you approves it. 'ecsops run --dry-run' shows its plan.";
                await RecordRefusedAsync(context, audit, runbook, parameters, null, null, why, ExitCodes.ApprovalRequired, cancellationToken);
                throw new UserFacingException(why, ExitCodes.ApprovalRequired);
            }

            var engine = new RunbookEngine(workspace, catalog.Settings, new RunbookEngineOptions { Observer = audit });
            var plan = await PlanAsync(engine, new RunRequest
            {
                Runbook = runbook,
                Parameters = parameters,
                Target = parse.GetValue(target),
                Timeout = runTimeout,
                Owner = await OwnerAsync(workspace, cancellationToken),
                Refresh = parse.GetValue(refresh),
            }, cancellationToken);
            ContainerChooser.Warn(context, plan.SearchFailures);
            if (isDryRun)
            {
                ShowDryRun(context, plan, parse.GetValue(output) == "json");
                return ExitCodes.Ok;
            }

            var writer = context.Diagnostics.Profile.Out.Writer;
            foreach (var line in RunPlanText.Lines(plan))
            {
                await writer.WriteLineAsync(line);
            }

            if (!parse.GetValue(yes) && Confirmation.CanAsk(context)
                && !await Confirmation.AskAsync(context, $"Run {Markup.Escape(runbook.Name)}?", cancellationToken))
            {
                await writer.WriteLineAsync($"run {plan.RunId} not started");
                return ExitCodes.Failed;
            }

            return await ExecuteAsync(context, workspace, engine, audit, plan, cancellationToken);
        });
        return run;
    }

    private static (Runbook Runbook, ParameterValues Values) Validate(RunbookCatalog catalog, string name, IReadOnlyList<string> values)
    {
        try
        {
            var runbook = catalog.Find(name);
            return (runbook, runbook.Parameters.Validate(ParameterArguments.Parse(values), runbook.Name));
        }
        catch (RunbookUsageException error)
        {
            throw new UserFacingException(error.Message, ExitCodes.Usage, error);
        }
    }

    private static TimeSpan? ParseTimeout(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return ConfigDuration.TryParse(text, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw new UserFacingException($"--timeout '{text}' is not a duration such as 30s, 5m or 1h", ExitCodes.Usage);
    }

    private static async Task<RunPlan> PlanAsync(RunbookEngine engine, RunRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.PlanAsync(request, cancellationToken);
        }
        catch (RunbookUsageException error)
        {
            throw new UserFacingException(error.Message, ExitCodes.Usage, error);
        }
    }

    /// <summary>The operator as locks and task stop reasons name them: the caller's ARN and this machine.</summary>
    private static async Task<string> OwnerAsync(Aws.AwsWorkspace workspace, CancellationToken cancellationToken)
    {
        var identity = await workspace.Access.GetOperatorAsync(cancellationToken);
        return $"{identity.Arn} on {Environment.MachineName}";
    }

    private static void ShowDryRun(CliContext context, RunPlan plan, bool json)
    {
        var writer = context.Console.Profile.Out.Writer;
        if (json)
        {
            writer.WriteLine(JsonSerializer.Serialize(RunPlanRow.From(plan), RunbookJsonContext.Default.RunPlanRow));
            return;
        }

        foreach (var line in RunPlanText.Lines(plan))
        {
            writer.WriteLine(line);
        }

        writer.WriteLine("dry run: nothing was started");
    }

    private static async Task<int> ExecuteAsync(
        CliContext context, Aws.AwsWorkspace workspace, RunbookEngine engine, AuditRunObserver audit, RunPlan plan, CancellationToken cancellationToken)
    {
        var diagnostics = context.Diagnostics.Profile.Out.Writer;
        await using var stdout = context.Streams.OpenStandardOutput();
        await using var stderr = context.Streams.OpenStandardError();
        await using var stdin = context.Streams.IsInputRedirected ? context.Streams.OpenStandardInput() : null;
        var streams = new RunStreams
        {
            Input = stdin,
            Output = stdout,
            Error = stderr,
            Progress = message => diagnostics.WriteLine("ecsops: " + message),
            Interrupts = context.Interrupts,
        };
        RunResult result;
        try
        {
            result = await SessionFailureDoctor.RunAsync(workspace, plan.Target, context, () => engine.ExecuteAsync(plan, streams, cancellationToken), cancellationToken);
        }
        catch (RunbookLockedException error)
        {
            await RecordRefusedAsync(context, audit, plan.Runbook, plan.Parameters, plan.Target, plan.RunId, error.Message, ExitCodes.Locked, cancellationToken);
            throw new UserFacingException(error.Message, ExitCodes.Locked, error);
        }
        catch (AuditUnavailableException error)
        {
            throw new UserFacingException($"runbook {plan.Runbook.Name} did not run: {error.Message}", ExitCodes.EcsOpsError, error);
        }

        var how = result.Outcome switch
        {
            RunOutcome.TimedOut => $"timed out after {Durations.Format(plan.Timeout)}",
            RunOutcome.Interrupted => "interrupted",
            _ => "finished",
        };
        await diagnostics.WriteLineAsync(
            $"run {result.RunId} {how}: exit {result.ExitCode} after {Durations.Format(result.EndedAt - result.StartedAt)}");
        return result.ExitCode;
    }

    /// <summary>A refusal on record; when the trail cannot store it the refusal still stands, with a warning.</summary>
    private static async Task RecordRefusedAsync(
        CliContext context, AuditRunObserver audit, Runbook runbook, ParameterValues parameters, DiscoveredContainer? target,
        AuditRunId? runId, string why, int exitCode, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordRefusedAsync(runbook, parameters, target, runId, why, exitCode, cancellationToken);
        }
        catch (AuditUnavailableException error)
        {
            AuditScope.Warn(context, $"audit: the refused run of runbook {runbook.Name} was not recorded: {error.Message}");
        }
    }
}
