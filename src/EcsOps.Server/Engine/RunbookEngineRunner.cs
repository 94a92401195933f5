using EcsOps.Aws;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Http;
using EcsOps.Runbooks;
using EcsOps.Runbooks.Running;

namespace EcsOps.Server.Engine;

/// <summary>
/// Runs jobs with the runbook engine (exec mode in a live container, task mode as a one-off ECS task), with the
/// service's own AWS workspace: its credential chain, assuming the configured role into target accounts. Parameters
/// are validated again (the config may have changed since the request), the job's id is the run's id, each run is
/// in the audit trail with its requester and approver (<see cref="AuditRunObserver"/>: no start event, no run), and the
/// command's stdout and stderr become job output line by line, the engine's own messages as info lines.
/// </summary>
public sealed class RunbookEngineRunner(AwsWorkspace workspace, RunbookCatalog catalog, IAuditTrail trail) : IJobRunner
{
    public async Task<int> RunAsync(JobRun run, IJobOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(output);
        using var stdout = new JobOutputStream(output, OutputStream.Stdout);
        using var stderr = new JobOutputStream(output, OutputStream.Stderr);
        var engine = new RunbookEngine(workspace, catalog.Settings, new RunbookEngineOptions
        {
            Observer = new AuditRunObserver(trail, new AuditRunDetails { Reason = run.Reason, Requester = run.Requester, Approver = run.Approver }),
        });
        try
        {
            var plan = await PlanAsync(engine, run, cancellationToken);
            output.WriteLine(OutputStream.Info, $"[ecsops: {plan.Runbook.Name} on {plan.Target.Path} ({plan.Runbook.Mode.ToString().ToLowerInvariant()} mode)]");
            var result = await engine.ExecuteAsync(
                plan,
                new RunStreams { Output = stdout, Error = stderr, Progress = message => output.WriteLine(OutputStream.Info, "[ecsops: " + message + "]") },
                cancellationToken);
            if (result.Outcome == RunOutcome.TimedOut)
            {
                output.WriteLine(OutputStream.Info, $"[ecsops: stopped after the runbook's timeout of {Durations.Format(plan.Timeout)}]");
            }

            return result.ExitCode;
        }
        catch (AuditUnavailableException error)
        {
            throw new JobRunnerException("the run was not started: " + error.Message, error);
        }
        catch (Exception error) when (error is RunbookUsageException or RunException or RunbookLockedException or TargetSelectorException
                                           or AwsServiceException or AwsConnectionException)
        {
            throw new JobRunnerException(error.Message, error);
        }
        finally
        {
            stdout.Complete();
            stderr.Complete();
        }
    }

    private async Task<RunPlan> PlanAsync(RunbookEngine engine, JobRun run, CancellationToken cancellationToken)
    {
        var runbook = catalog.Find(run.Runbook);
        var values = runbook.Parameters.Validate(run.Parameters, runbook.Name);
        var owner = $"ecsops serve on {Environment.MachineName} for {run.Requester}" + (run.Approver is { } approver ? $", approved by {approver}" : "");
        return await engine.PlanAsync(
            new RunRequest
            {
                Runbook = runbook,
                Parameters = values,
                Target = run.Target,
                RunId = AuditRunId.TryParse(run.RunId, out var id) ? id : null,
                Owner = owner,
            },
            cancellationToken);
    }
}
