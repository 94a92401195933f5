using Amazon.S3;
using EcsOps.Aws;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Http;
using EcsOps.Aws.Locks;
using EcsOps.Aws.Tasks;
using EcsOps.Runbooks.Templates;

namespace EcsOps.Runbooks.Running;

/// <summary>
/// Runs runbooks: <see cref="PlanAsync"/> resolves the target and renders everything (read-only AWS calls), and
/// <see cref="ExecuteAsync"/> takes the lock, tells the observer, runs the plan in exec or task mode, and releases the
/// lock. Used by <c>ecsops run</c> and by <c>ecsops serve</c>.
/// </summary>
/// <example>
/// <code>
/// var catalog = RunbookLoader.Load(config);
/// var runbook = catalog.Find("backup");
/// var values = runbook.Parameters.Validate(new Dictionary&lt;string, string&gt; { ["database"] = "orders" }, runbook.Name);
/// var engine = new RunbookEngine(workspace, catalog.Settings, new RunbookEngineOptions { Observer = audit });
/// var plan = await engine.PlanAsync(new RunRequest { Runbook = runbook, Parameters = values, Owner = "slack:U123" }, ct);
/// var result = await engine.ExecuteAsync(plan, new RunStreams { Output = stdout, Error = stderr }, ct);
/// </code>
/// </example>
public sealed class RunbookEngine
{
    private readonly AwsWorkspace _workspace;
    private readonly RunbookSettings _settings;
    private readonly RunbookEngineOptions _options;

    public RunbookEngine(AwsWorkspace workspace, RunbookSettings settings, RunbookEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(settings);
        _workspace = workspace;
        _settings = settings;
        _options = options ?? RunbookEngineOptions.Default;
    }

    /// <summary>Decides everything about a run without starting it (discovery and describe calls only).</summary>
    /// <exception cref="RunbookUsageException">No target given or declared, or a lock scope that renders unusable.</exception>
    /// <exception cref="RunException">The target cannot be found or used, or the command cannot be delivered.</exception>
    public async Task<RunPlan> PlanAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runbook = request.Runbook;
        var target = request.Target ?? runbook.Target
            ?? throw new RunbookUsageException(RunbookUsageKind.NoTarget, $"runbook {runbook.Name} names no target; give one with --target SELECTOR");
        var (container, failures) = await RunTargetResolver.ResolveAsync(
            _workspace, target, runbook.Container, runbook.Mode, request.Refresh, cancellationToken);
        var command = CommandRenderer.Render(runbook.Command, request.Parameters);
        var runId = request.RunId ?? AuditRunId.New(_options.TimeProvider);
        var plan = new RunPlan
        {
            RunId = runId,
            Runbook = runbook,
            Parameters = request.Parameters,
            Command = command,
            Target = container,
            Timeout = request.Timeout ?? runbook.Timeout,
            Owner = request.Owner,
            SearchFailures = failures,
        };
        plan = WithLock(plan);
        if (runbook.Mode == RunbookMode.Task)
        {
            var credentials = await _workspace.CredentialsForAsync(container, cancellationToken);
            var ecs = _workspace.Factory.CreateEcs(container.Region, credentials);
            var template = await DescribeServiceAsync(ecs, container, cancellationToken);
            plan = plan with { Task = template, StagingUri = StagingUriFor(plan, template) };
        }

        return plan;
    }

    /// <summary>Runs a plan to its end.</summary>
    /// <returns>The exit code: the command's own, 124 after the timeout, 130 after Ctrl-C.</returns>
    /// <exception cref="RunbookLockedException">Another run holds the lock scope; nothing ran.</exception>
    /// <exception cref="RunException">The command could not be run (session, task start, staging).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; a task is stopped (StopTask) first.</exception>
    public async Task<RunResult> ExecuteAsync(RunPlan plan, RunStreams streams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(streams);
        using var s3 = plan.LockScope is null ? null : _workspace.Factory.CreateS3(_workspace.HomeRegion, _workspace.BaseCredentials);
        var lease = s3 is null ? null : await AcquireLockAsync(plan, s3, cancellationToken);
        if (lease?.TakenOverFrom is { } stale)
        {
            streams.Progress?.Invoke($"took over the expired lock {plan.LockScopeShown} of run {stale.RunId} (owner {stale.Owner}, expired {LockHeldException.FormatTime(stale.ExpiresAt)})");
        }

        var startedAt = _options.TimeProvider.GetUtcNow();
        RunResult? result = null;
        Exception? failure = null;
        try
        {
            if (_options.Observer is { } observer)
            {
                await observer.RunStartingAsync(plan, cancellationToken);
            }
        }
        catch
        {
            await ReleaseAsync(lease, streams);
            throw;
        }

        try
        {
            var (exitCode, outcome, taskArn) = plan.Runbook.Mode == RunbookMode.Task
                ? await new TaskModeRunner(_workspace, _settings, _options).RunAsync(plan, streams, cancellationToken)
                : await RunExecAsync(plan, streams, cancellationToken);
            result = new RunResult
            {
                RunId = plan.RunId,
                ExitCode = exitCode,
                Outcome = outcome,
                TaskArn = taskArn,
                LockTakenOverFrom = lease?.TakenOverFrom,
                StartedAt = startedAt,
                EndedAt = _options.TimeProvider.GetUtcNow(),
            };
            return result;
        }
        catch (Exception error)
        {
            failure = error;
            throw;
        }
        finally
        {
            await NotifyEndedAsync(plan, result, failure, streams);
            await ReleaseAsync(lease, streams);
        }
    }

    private async Task<(int, RunOutcome, string?)> RunExecAsync(RunPlan plan, RunStreams streams, CancellationToken cancellationToken)
    {
        var (exitCode, outcome) = await new ExecModeRunner(_workspace, _options.TimeProvider).RunAsync(plan, streams, cancellationToken);
        return (exitCode, outcome, null);
    }

    private RunPlan WithLock(RunPlan plan)
    {
        if (plan.Runbook.Lock is not { } template)
        {
            return plan;
        }

        var scope = CommandRenderer.RenderText(template, plan.Parameters);
        if (scope.Length is 0 or > S3Lock.MaxScopeLength || scope.Any(char.IsControl))
        {
            throw new RunbookUsageException(
                RunbookUsageKind.InvalidValue,
                $"runbook {plan.Runbook.Name}: its lock scope '{template.Text}' renders to something no lock can be named after "
                + $"(empty, over {S3Lock.MaxScopeLength} characters, or with control characters); check the parameters it uses");
        }

        var locks = _settings.Locks ?? throw new InvalidOperationException("a runbook with a lock but no runbooks.locks");
        var key = S3Lock.KeyFor(locks, scope);
        return plan with
        {
            LockScope = scope,
            LockScopeShown = CommandRenderer.RenderTextMasked(template, plan.Parameters),
            LockLocation = $"s3://{locks.Bucket}/{key}",
        };
    }

    /// <summary>
    /// Where the command is staged: when it is over RunTask's limit, and when it holds secret values (which would
    /// otherwise be in RunTask's record) if staging is configured.
    /// </summary>
    private string? StagingUriFor(RunPlan plan, ServiceTaskTemplate template)
    {
        if (plan.Command.HasSecrets && _settings.Staging is { } secretStaging)
        {
            return secretStaging.Uri(StagedScript.NameFor(plan.Runbook.Name, plan.RunId));
        }

        var length = ServiceTaskTemplate.OverridesLength(template.Overrides(plan.Command.Argv));
        if (length <= ServiceTaskTemplate.MaxOverridesLength)
        {
            return null;
        }

        return _settings.Staging is { } staging
            ? staging.Uri(StagedScript.NameFor(plan.Runbook.Name, plan.RunId))
            : throw new RunException(
                $"the command of runbook {plan.Runbook.Name} makes RunTask overrides of {length} characters, over ECS's {ServiceTaskTemplate.MaxOverridesLength}; "
                + "set runbooks.staging: s3://bucket/prefix in ecsops.yaml to stage long commands in S3");
    }

    private static async Task<ServiceTaskTemplate> DescribeServiceAsync(Aws.Ecs.EcsClient ecs, Aws.Discovery.DiscoveredContainer container, CancellationToken cancellationToken)
    {
        try
        {
            return await ServiceTaskTemplate.DescribeAsync(ecs, container.ClusterArn, container.ServiceName!, container.ContainerName, container.Region, cancellationToken);
        }
        catch (TaskFailedException error)
        {
            throw new RunException(error.Message, error);
        }
    }

    private async Task<S3LockLease> AcquireLockAsync(RunPlan plan, IAmazonS3 s3, CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var record = new LockRecord(plan.LockScope!, plan.RunId.Value, plan.Owner, plan.Runbook.Name, now, now + plan.Timeout + _options.LockGrace);
        try
        {
            return await new S3Lock(s3, _settings.Locks!, _options.TimeProvider).AcquireAsync(record, cancellationToken);
        }
        catch (LockHeldException held)
        {
            throw new RunbookLockedException(plan.Runbook.Name, held);
        }
        catch (AwsServiceException error)
        {
            throw new RunException($"cannot take the lock {plan.LockScopeShown} at {plan.LockLocation}: {error.ErrorCode}: {error.Message}", error);
        }
    }

    private async Task NotifyEndedAsync(RunPlan plan, RunResult? result, Exception? failure, RunStreams streams)
    {
        if (_options.Observer is not { } observer)
        {
            return;
        }

        try
        {
            await observer.RunEndedAsync(plan, result, failure, CancellationToken.None);
        }
        catch (Exception error)
        {
            streams.Progress?.Invoke($"warning: the end of run {plan.RunId} was not recorded: {error.Message}");
        }
    }

    private static async Task ReleaseAsync(S3LockLease? lease, RunStreams streams)
    {
        if (lease is null)
        {
            return;
        }

        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            if (!await lease.ReleaseAsync(limit.Token))
            {
                streams.Progress?.Invoke($"the lock {lease.Record.Scope} was no longer ours when the run ended (it expired and was taken over)");
            }
        }
        catch (Exception error)
        {
            streams.Progress?.Invoke($"warning: could not release the lock {lease.Record.Scope} ({error.Message}); it expires at {LockHeldException.FormatTime(lease.Record.ExpiresAt)}");
        }
    }
}
