using EcsOps.Aws.Credentials;
using EcsOps.Aws.Ecs;
using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Tasks;

/// <summary>
/// Runs one ECS task to its end: RunTask, then rounds of GetLogEvents (the command container's awslogs stream, passed
/// on as it arrives) and DescribeTasks until the task is STOPPED, pausing longer while nothing happens. When
/// <c>stop</c> fires (Ctrl-C, a timeout) the task is stopped with StopTask and the runner still waits for STOPPED and
/// the last log lines; <c>cancellationToken</c> abandons waiting altogether (the task is left to ECS).
/// </summary>
public sealed class TaskRunner
{
    private readonly EcsClient _ecs;
    private readonly AwsClientFactory _factory;
    private readonly IAwsCredentialsProvider _credentials;
    private readonly TimeProvider _timeProvider;
    private readonly TaskRunnerOptions _options;

    /// <param name="factory">Builds the ECS client of <paramref name="region"/> and the Logs client of the log group's region.</param>
    /// <param name="credentials">Credentials in the task's account.</param>
    /// <param name="region">The task's region.</param>
    public TaskRunner(AwsClientFactory factory, IAwsCredentialsProvider credentials, string region, TaskRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(credentials);
        _factory = factory;
        _credentials = credentials;
        _timeProvider = factory.TimeProvider;
        _ecs = factory.CreateEcs(region, credentials);
        _options = options ?? TaskRunnerOptions.Default;
    }

    /// <summary>Starts the task and follows it to STOPPED.</summary>
    /// <param name="request">The RunTask request (one task).</param>
    /// <param name="containerName">The container whose exit code is the result.</param>
    /// <param name="logs">Where that container's output is read from; null reads none.</param>
    /// <param name="stop">Requested to stop the task early; its reason becomes the StopTask reason.</param>
    /// <exception cref="TaskFailedException">RunTask refused, or the task stopped without an exit code for the container.</exception>
    public async Task<TaskRunOutcome> RunAsync(
        RunTaskRequest request,
        string containerName,
        TaskLogSource? logs,
        ITaskRunSink sink,
        TaskStopSignal stop,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(stop);
        var started = await _ecs.RunTaskAsync(request, cancellationToken);
        if (started.Tasks is not [var task, ..])
        {
            var failure = started.Failures is [var first, ..] ? first : null;
            throw new TaskFailedException(
                $"ECS did not start the task: {failure?.Reason ?? "no task and no reason given"}{(failure?.Detail is { Length: > 0 } detail ? " (" + detail + ")" : "")}",
                taskArn: null);
        }

        await sink.TaskStartedAsync(task, cancellationToken);
        var taskId = task.TaskArn[(task.TaskArn.LastIndexOf('/') + 1)..];
        var follower = logs is null ? null : new TaskLogFollower(_factory.CreateLogs(logs.Region, _credentials), logs.LogGroup, logs.StreamName(taskId), sink);
        string? stoppedWith = null;
        DateTimeOffset? stopDeadline = null;
        var interval = _options.InitialPollInterval;
        while (true)
        {
            if (stoppedWith is null && stop.Reason is { } reason)
            {
                stoppedWith = reason;
                stopDeadline = _timeProvider.GetUtcNow() + _options.StopWaitLimit;
                await sink.StoppingAsync(stoppedWith, cancellationToken);
                await _ecs.StopTaskAsync(new StopTaskRequest { Cluster = task.ClusterArn, Task = task.TaskArn, Reason = stoppedWith }, cancellationToken);
            }

            var newEvents = follower is not null && await follower.ReadAsync(cancellationToken) > 0;
            task = await DescribeAsync(task, cancellationToken);
            if (task.LastStatus == EcsStatus.Stopped)
            {
                break;
            }

            if (stopDeadline is { } deadline && _timeProvider.GetUtcNow() > deadline)
            {
                throw new TaskFailedException($"task {taskId} did not stop within {_options.StopWaitLimit} of StopTask (it is {task.LastStatus})", task.TaskArn);
            }

            interval = newEvents ? _options.InitialPollInterval : Grow(interval);
            await PauseAsync(interval, stoppedWith is null ? stop.Token : CancellationToken.None, cancellationToken);
        }

        if (follower is not null)
        {
            await follower.DrainAsync(_options.LogSettleDelay, _timeProvider, cancellationToken);
        }

        var container = task.Containers.FirstOrDefault(c => c.Name == containerName);
        if (container?.ExitCode is { } exitCode)
        {
            return new TaskRunOutcome(task, exitCode, stoppedWith);
        }

        if (stoppedWith is not null)
        {
            return new TaskRunOutcome(task, null, stoppedWith);
        }

        var containerReason = container?.Reason is { Length: > 0 } why ? $"; container {containerName}: {why}" : "";
        throw new TaskFailedException(
            $"task {taskId} stopped without an exit code for container {containerName}: {task.StopCode ?? "no stop code"}: "
            + $"{task.StoppedReason ?? "no reason given"}{containerReason}",
            task.TaskArn);
    }

    private async Task<EcsTask> DescribeAsync(EcsTask task, CancellationToken cancellationToken)
    {
        var described = await _ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = task.ClusterArn, Tasks = [task.TaskArn] }, cancellationToken);
        return described.Tasks is [var first, ..]
            ? first
            : throw new TaskFailedException($"task {task.TaskArn} vanished: DescribeTasks no longer knows it", task.TaskArn);
    }

    private TimeSpan Grow(TimeSpan interval)
    {
        var grown = interval * 1.5;
        return grown > _options.MaxPollInterval ? _options.MaxPollInterval : grown;
    }

    /// <summary>Waits <paramref name="interval"/>, or less when a stop is requested meanwhile.</summary>
    private async Task PauseAsync(TimeSpan interval, CancellationToken stop, CancellationToken cancellationToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stop, cancellationToken);
        try
        {
            await Task.Delay(interval, _timeProvider, wake.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A stop request: go round at once to send StopTask.
        }
    }
}
