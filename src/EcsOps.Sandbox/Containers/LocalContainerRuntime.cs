using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Logs;
using EcsOps.Sandbox.SecretsManager;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EcsOps.Sandbox.Containers;

/// <summary>
/// Runs sandbox tasks as real local processes. A container is a working directory
/// (<see cref="ContainerRuntimeOptions.ContainersDirectory"/>/&lt;task id&gt;/&lt;container&gt;) plus the environment
/// its task definition gives it (variables, Secrets Manager secrets, region, the sandbox endpoint, task-role
/// credentials); its command (entryPoint + command, or the RunTask override) runs as its main process with output
/// to CloudWatch Logs (awslogs). Exec sessions start further processes in running containers.
/// </summary>
public sealed class LocalContainerRuntime : IContainerProcessHost, ITaskLauncher, IAsyncDisposable
{
    private readonly ContainerRuntimeOptions _options;
    private readonly EcsStore _ecs;
    private readonly LogStore _logs;
    private readonly SecretStore _secrets;
    private readonly TaskRoleCredentials _taskRoles;
    private readonly IServer _server;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<LocalContainerRuntime> _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<string, RunningTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Cluster, string TaskId, string RuntimeId), RunningContainer> _containers = new();
    private int _disposed;

    public LocalContainerRuntime(
        ContainerRuntimeOptions options,
        EcsStore ecs,
        LogStore logs,
        SecretStore secrets,
        TaskRoleCredentials taskRoles,
        IServer server,
        TimeProvider timeProvider,
        ILogger<LocalContainerRuntime> logger)
    {
        _options = options;
        _ecs = ecs;
        _logs = logs;
        _secrets = secrets;
        _taskRoles = taskRoles;
        _server = server;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The sandbox's base URL, known once the server listens.</summary>
    private Uri Endpoint => new(_server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? throw new InvalidOperationException("the sandbox is not listening yet"));

    public ContainerContext? FindContainer(string clusterName, string taskId, string runtimeId) =>
        _containers.TryGetValue((clusterName, taskId, runtimeId), out var container) && container.IsRunning ? container.Context : null;

    public Task<IContainerProcess> StartProcessAsync(ContainerContext container, ContainerProcessStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (!_containers.TryGetValue((container.ClusterName, container.TaskId, container.RuntimeId), out var running))
        {
            throw new ContainerProcessStartException($"container {container.ContainerName} of task {container.TaskId} is not running");
        }

        return Task.FromResult(running.StartProcess(start));
    }

    public Task WhenStoppedAsync(ContainerContext container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return _containers.TryGetValue((container.ClusterName, container.TaskId, container.RuntimeId), out var running)
            ? running.Stopped
            : Task.CompletedTask;
    }

    public Task<TaskLaunchResult> LaunchAsync(TaskLaunchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var taskArn = request.Task.TaskArn;
        var taskId = taskArn[(taskArn.LastIndexOf('/') + 1)..];
        var roleArn = request.Task.Overrides?.TaskRoleArn ?? request.TaskDefinition.TaskRoleArn;
        var taskRole = roleArn is null ? null : _taskRoles.Register(request.Scope.AccountId, roleArn, taskId);
        var containers = new List<RunningContainer>();
        try
        {
            foreach (var definition in request.TaskDefinition.ContainerDefinitions)
            {
                containers.Add(StartContainer(request, taskId, definition, taskRole));
            }
        }
        catch
        {
            foreach (var container in containers)
            {
                container.Kill();
            }

            if (taskRole is not null)
            {
                _taskRoles.Revoke(taskRole.Id);
            }

            throw;
        }

        var task = new RunningTask(request, containers, taskRole, new TaskStateRecorder(_ecs, request), _options.StopTimeout, _timeProvider, _lifetime.Token);
        _tasks[taskArn] = task;
        foreach (var container in containers)
        {
            _containers[(request.ClusterName, taskId, container.Context.RuntimeId)] = container;
        }

        _ = task.Finished.ContinueWith(_ => Forget(task), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return Task.FromResult(new TaskLaunchResult(
            [.. containers.Select(c => new LaunchedContainer(c.Context.ContainerName, c.Context.RuntimeId, request.Task.EnableExecuteCommand))]));
    }

    public async Task StopAsync(TaskStopRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_tasks.TryGetValue(request.Task.TaskArn, out var task))
        {
            await task.StopAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Launches the world's tasks that are RUNNING when the sandbox starts; one that cannot start is recorded
    /// STOPPED (TaskFailedToStart) and the others still start.
    /// </summary>
    public async Task StartWorldTasksAsync(CancellationToken cancellationToken)
    {
        foreach (var request in _ecs.RunningTasks())
        {
            try
            {
                await LaunchAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning("world task {TaskArn} failed to start: {Reason}", request.Task.TaskArn, ex.Message);
                new TaskStateRecorder(_ecs, request).MarkFailedToStart("Task failed to start: " + ex.Message);
            }
        }
    }

    /// <summary>The main process id of a running container (tests check that it is gone after a stop).</summary>
    internal int? MainProcessId(string taskArn, string containerName) =>
        _tasks.TryGetValue(taskArn, out var task)
            ? task.Containers.FirstOrDefault(c => c.Context.ContainerName == containerName)?.MainProcessId
            : null;

    /// <summary>Kills every container at once and waits until all their processes are gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _lifetime.CancelAsync();
        await Task.WhenAll(_tasks.Values.Select(t => t.Finished.ContinueWith(_ => { }, TaskScheduler.Default)));
        _lifetime.Dispose();
    }

    private RunningContainer StartContainer(TaskLaunchRequest request, string taskId, ContainerDefinition definition, TaskRoleGrant? taskRole)
    {
        var scope = request.Scope;
        var runtimeId = request.Task.Containers.FirstOrDefault(c => c.Name == definition.Name)?.RuntimeId
            ?? $"{taskId}-{RandomNumberGenerator.GetInt32(1_000_000_000, int.MaxValue)}";
        var workingDirectory = Path.Combine(_options.ContainersDirectory, taskId, definition.Name);
        Directory.CreateDirectory(workingDirectory);
        var containerOverride = request.Task.Overrides?.ContainerOverrides?.FirstOrDefault(o => o.Name == definition.Name);
        var ports = (definition.PortMappings ?? [])
            .Where(p => p.ContainerPort is not null && p.Protocol is null or "tcp")
            .Select(p => p.ContainerPort!.Value)
            .Distinct()
            .ToDictionary(port => port, _ => FreeLoopbackPort());
        var environment = ContainerEnvironment.Build(
            new ContainerEnvironment.Inputs(scope.AccountId, scope.Region, Endpoint, workingDirectory, definition, containerOverride, taskRole, ports),
            _secrets);
        var context = new ContainerContext(scope.AccountId, scope.Region, request.ClusterName, request.Task.TaskArn, taskId,
            definition.Name, runtimeId, workingDirectory, environment)
        {
            LoopbackPorts = ports,
        };
        var logs = AwsLogsStream.Open(_logs, definition.LogConfiguration, scope.AccountId, scope.Region, definition.Name, taskId);
        var argv = (definition.EntryPoint ?? []).Concat(containerOverride?.Command ?? definition.Command ?? []).ToList();
        PipedContainerProcess? main = null;
        if (argv.Count > 0)
        {
            try
            {
                var executable = ExecutableSearch.Resolve(argv[0], environment, workingDirectory);
                main = PipedContainerProcess.Start(executable, argv, environment, workingDirectory, withInput: false);
            }
            catch (ContainerProcessStartException ex)
            {
                throw new ContainerProcessStartException($"CannotStartContainerError: container {definition.Name}: {ex.Message}", ex);
            }
        }

        return new RunningContainer(context, definition.Essential ?? true, main, logs, _timeProvider);
    }

    private void Forget(RunningTask task)
    {
        _tasks.TryRemove(new KeyValuePair<string, RunningTask>(task.Request.Task.TaskArn, task));
        foreach (var container in task.Containers)
        {
            _containers.TryRemove(new((task.Request.ClusterName, container.Context.TaskId, container.Context.RuntimeId), container));
        }

        if (task.TaskRole is not null)
        {
            _taskRoles.Revoke(task.TaskRole.Id);
        }
    }

    /// <summary>A port on 127.0.0.1 that is free now; the container's process binds it (a small race, as with any port 0 dance).</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
