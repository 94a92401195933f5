namespace EcsOps.Sandbox.Containers;

/// <summary>
/// One container of a running task: its context (what exec sessions see), its main process when its definition
/// has a command (a container without one simply stays up until stopped: the sandbox cannot run an image's
/// default command), its output going to CloudWatch Logs, and the processes exec sessions started in it.
/// </summary>
internal sealed class RunningContainer
{
    // An escaped daemon (setsid) may hold the output pipes open; logs are not waited for longer than this.
    private static readonly TimeSpan s_outputDrainDeadline = TimeSpan.FromSeconds(2);

    private readonly PipedContainerProcess? _main;
    private readonly TimeProvider _timeProvider;
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly HashSet<IContainerProcess> _sessions = [];
    private readonly Task _output;
    private bool _running = true;

    public RunningContainer(ContainerContext context, bool essential, PipedContainerProcess? main, AwsLogsStream? logs, TimeProvider timeProvider)
    {
        Context = context;
        Essential = essential;
        _main = main;
        _timeProvider = timeProvider;
        Action<string> onLine = logs is null ? static _ => { } : logs.Append;
        _output = main is null
            ? Task.CompletedTask
            : Task.WhenAll(
                Task.Run(() => OutputLines.PumpAsync(main.Output, onLine, CancellationToken.None)),
                Task.Run(() => OutputLines.PumpAsync(main.Error!, onLine, CancellationToken.None)));
        MainExited = main is null ? _stopRequested.Task : main.WaitForExitAsync(CancellationToken.None);
        Stopped = RunAsync();
    }

    public ContainerContext Context { get; }
    public bool Essential { get; }
    public bool HasMainProcess => _main is not null;
    public int? MainProcessId => _main?.ProcessId;

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Completes when the main process exits (for a container without one: when it is told to stop).</summary>
    public Task MainExited { get; }

    /// <summary>
    /// Completes once the container is down: main process exited, its session swept, its output logged, its exec
    /// processes ended. The result is the main process's exit code, null for a container without one.
    /// </summary>
    public Task<int?> Stopped { get; }

    /// <summary>SIGTERM to the main process group (docker stop's first step).</summary>
    public void Terminate()
    {
        _stopRequested.TrySetResult();
        _main?.Signal(ContainerSignal.Terminate);
    }

    /// <summary>SIGKILL to the main process group.</summary>
    public void Kill()
    {
        _stopRequested.TrySetResult();
        _main?.Signal(ContainerSignal.Kill);
    }

    /// <summary>Starts an exec session's process; it ends with the container at the latest.</summary>
    /// <exception cref="ContainerProcessStartException">The container has stopped, or the process cannot start.</exception>
    public IContainerProcess StartProcess(ContainerProcessStart start)
    {
        lock (_gate)
        {
            if (!_running)
            {
                throw new ContainerProcessStartException($"container {Context.ContainerName} of task {Context.TaskId} is not running");
            }

            var process = ContainerProcessSpawner.Spawn(Context, start);
            _sessions.Add(process);
            _ = process.WaitForExitAsync(CancellationToken.None).ContinueWith(
                _ => Forget(process), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            return process;
        }
    }

    private void Forget(IContainerProcess process)
    {
        lock (_gate)
        {
            _sessions.Remove(process);
        }
    }

    private async Task<int?> RunAsync()
    {
        int? exitCode = _main is null ? null : await _main.WaitForExitAsync(CancellationToken.None);
        if (_main is null)
        {
            await _stopRequested.Task;
        }

        List<IContainerProcess> sessions;
        lock (_gate)
        {
            _running = false;
            sessions = [.. _sessions];
        }

        if (_main is not null)
        {
            await _main.TerminateSessionAsync();
            try
            {
                await _output.WaitAsync(s_outputDrainDeadline, _timeProvider);
            }
            catch (TimeoutException)
            {
                // Disposing the pipes below ends the pumps.
            }

            await _main.DisposeAsync();
            await _output;
        }

        await Task.WhenAll(sessions.Select(s => s.DisposeAsync().AsTask()));
        return exitCode;
    }
}
