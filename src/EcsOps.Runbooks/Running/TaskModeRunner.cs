using Amazon.Runtime;
using Amazon.S3.Model;
using EcsOps.Aws;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Http;
using EcsOps.Aws.Tasks;
using Tag = EcsOps.Aws.Ecs.Model.Tag;

namespace EcsOps.Runbooks.Running;

/// <summary>
/// Runs a plan as a one-off task of the target's service (<see cref="TaskRunner"/>): startedBy <c>ecsops:&lt;run id&gt;</c>,
/// tags <c>ecsops:run-id</c> and <c>ecsops:runbook</c>, the command staged in S3 when it is over RunTask's limit or
/// holds secret values (given <c>runbooks.staging</c>). The
/// container's log lines go to the output as they arrive. Ctrl-C and the timeout stop the task (StopTask with a reason
/// naming the run) and wait for it to be STOPPED; a second Ctrl-C, or the caller's cancellation after the stop wait
/// limit, gives up waiting.
/// </summary>
internal sealed class TaskModeRunner(AwsWorkspace workspace, RunbookSettings settings, RunbookEngineOptions options)
{
    public async Task<(int ExitCode, RunOutcome Outcome, string? TaskArn)> RunAsync(RunPlan plan, RunStreams streams, CancellationToken cancellationToken)
    {
        var template = plan.Task ?? throw new InvalidOperationException("a task-mode plan without its task template");
        var credentials = await workspace.CredentialsForAsync(plan.Target, cancellationToken);
        var command = plan.Command.Argv;
        StagedObject? staged = null;
        if (plan.StagingUri is not null)
        {
            var script = StagedScript.Script(plan.Command.Argv);
            staged = await StageAsync(plan, credentials, script, cancellationToken);
            command = StagedScript.Bootstrap(plan.StagingUri, script);
        }
        else if (plan.Command.HasSecrets)
        {
            streams.Progress?.Invoke(
                $"runbook {plan.Runbook.Name} passes secret values in RunTask's command override, which CloudTrail and DescribeTasks show; "
                + "set runbooks.staging to pass them in a staged script instead");
        }

        if (template.Logs is null)
        {
            streams.Progress?.Invoke($"container {template.Container.Name} does not log with awslogs and a stream prefix; its output cannot be shown");
        }

        var request = template.Build(
            command,
            plan.StartedBy,
            [new Tag { Key = AuditRunMarkers.RunIdTag, Value = plan.RunId.Value }, new Tag { Key = "ecsops:runbook", Value = plan.Runbook.Name }],
            clientToken: plan.RunId.Value);
        using var stop = new TaskStopSignal();
        using var abandon = new CancellationTokenSource();
        var stoppedFor = RunOutcome.Completed;
        var interrupts = 0;
        using var timer = options.TimeProvider.CreateTimer(
            _ =>
            {
                if (stop.Request($"ecsops run {plan.RunId}: timed out after {Durations.Format(plan.Timeout)}"))
                {
                    stoppedFor = RunOutcome.TimedOut;
                }
            },
            null,
            plan.Timeout,
            Timeout.InfiniteTimeSpan);
        using var interception = streams.Interrupts?.Intercept(() =>
        {
            if (Interlocked.Increment(ref interrupts) > 1)
            {
                abandon.Cancel();
                return false;
            }

            if (stop.Request($"ecsops run {plan.RunId}: interrupted by {plan.Owner}"))
            {
                stoppedFor = RunOutcome.Interrupted;
            }

            return true;
        });
        using var onCancel = cancellationToken.Register(() =>
        {
            stop.Request($"ecsops run {plan.RunId}: cancelled");
            abandon.CancelAfter(options.TaskRunner.StopWaitLimit);
        });

        TaskRunOutcome outcome;
        try
        {
            var runner = new TaskRunner(workspace.Factory, credentials, plan.Target.Region, options.TaskRunner);
            outcome = await runner.RunAsync(request, template.Container.Name, template.Logs, new TaskOutputSink(streams), stop, abandon.Token);
        }
        finally
        {
            if (staged is not null)
            {
                await DeleteStagedAsync(plan, credentials, staged, streams);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return stoppedFor switch
        {
            RunOutcome.TimedOut => (RunResult.TimedOutExitCode, RunOutcome.TimedOut, outcome.Task.TaskArn),
            RunOutcome.Interrupted => (RunResult.InterruptedExitCode, RunOutcome.Interrupted, outcome.Task.TaskArn),
            _ => (outcome.ExitCode ?? throw new RunException($"task {outcome.Task.TaskArn} stopped without an exit code"), RunOutcome.Completed, outcome.Task.TaskArn),
        };
    }

    private async Task<StagedObject> StageAsync(
        RunPlan plan, Aws.Credentials.IAwsCredentialsProvider credentials, byte[] script, CancellationToken cancellationToken)
    {
        var staging = settings.Staging ?? throw new InvalidOperationException("a staged plan without runbooks.staging");
        var key = staging.Key(StagedScript.NameFor(plan.Runbook.Name, plan.RunId));
        using var s3 = workspace.Factory.CreateS3(plan.Target.Region, credentials);
        try
        {
            var response = await s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = staging.Bucket,
                    Key = key,
                    ContentType = "text/x-shellscript",
                    InputStream = new MemoryStream(script),
                },
                cancellationToken);
            return new StagedObject(key, response.VersionId);
        }
        catch (AmazonServiceException error)
        {
            throw new RunException($"cannot stage the command of run {plan.RunId} at s3://{staging.Bucket}/{key}: {SdkErrors.Translate(error).Message}", error);
        }
    }

    /// <summary>
    /// Deletes the staged script; in a versioned bucket the very version written, so no old version keeps the command
    /// (and any secret in it). Without permission for that (s3:DeleteObjectVersion) a plain delete hides it at least.
    /// </summary>
    private async Task DeleteStagedAsync(RunPlan plan, Aws.Credentials.IAwsCredentialsProvider credentials, StagedObject staged, RunStreams streams)
    {
        var staging = settings.Staging!;
        var where = $"s3://{staging.Bucket}/{staged.Key}";
        using var s3 = workspace.Factory.CreateS3(plan.Target.Region, credentials);
        try
        {
            if (staged.VersionId is { Length: > 0 } version)
            {
                try
                {
                    await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = staging.Bucket, Key = staged.Key, VersionId = version }, CancellationToken.None);
                    return;
                }
                catch (AmazonServiceException error)
                {
                    streams.Progress?.Invoke($"could not delete version {version} of the staged command {where} ({error.Message}); its old version stays in the bucket");
                }
            }

            await s3.DeleteObjectAsync(staging.Bucket, staged.Key, CancellationToken.None);
        }
        catch (AmazonServiceException error)
        {
            streams.Progress?.Invoke($"could not delete the staged command {where}: {error.Message}");
        }
    }
}
