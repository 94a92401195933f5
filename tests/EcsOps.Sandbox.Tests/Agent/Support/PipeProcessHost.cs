using System.Collections.Concurrent;
using System.Diagnostics;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Ecs;

namespace EcsOps.Sandbox.Tests.Agent.Support;

/// <summary>
/// Test double of <see cref="IContainerProcessHost"/>: real local processes with
/// <see cref="System.Diagnostics.Process"/> and plain pipes, no PTY. A "PTY" process gets its stderr merged
/// into stdout (through <c>sh -c 'exec 2&gt;&amp;1; exec "$@"'</c>) so it looks like one terminal stream.
/// Containers are whatever the test registers, e.g. every running task of the sandbox's world.
/// </summary>
public sealed class PipeProcessHost : IContainerProcessHost, IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Cluster, string Task, string Runtime), ContainerContext> _containers = new();
    private readonly ConcurrentBag<PipeProcess> _started = [];
    private readonly string _root = Directory.CreateTempSubdirectory("ecsops-pipe-host-").FullName;

    /// <summary>Every process started so far, oldest first not guaranteed.</summary>
    public IReadOnlyCollection<PipeProcess> Started => _started;

    /// <summary>Registers every RUNNING container of the world's tasks (in all accounts and regions).</summary>
    public void AddRunningContainers(SandboxHost sandbox)
    {
        foreach (var account in sandbox.World.Accounts)
        {
            foreach (var region in sandbox.World.Regions)
            {
                var tasks = sandbox.Ecs.Read(new EcsScope(account.Id, region), state =>
                    state.Clusters.SelectMany(c => c.Value.Tasks.Values.Select(t => (Cluster: c.Key, Task: t))).ToList());
                foreach (var (cluster, task) in tasks.Where(t => t.Task.LastStatus == EcsStatus.Running))
                {
                    var taskId = task.TaskArn[(task.TaskArn.LastIndexOf('/') + 1)..];
                    foreach (var container in task.Containers.Where(c => c.RuntimeId is not null))
                    {
                        Add(new ContainerContext(account.Id, region, cluster, task.TaskArn, taskId, container.Name, container.RuntimeId!,
                            _root, new Dictionary<string, string>()));
                    }
                }
            }
        }
    }

    public void Add(ContainerContext container) =>
        _containers[(container.ClusterName, container.TaskId, container.RuntimeId)] = container;

    public void Remove(string clusterName, string taskId, string runtimeId) =>
        _containers.TryRemove((clusterName, taskId, runtimeId), out _);

    public ContainerContext? FindContainer(string clusterName, string taskId, string runtimeId) =>
        _containers.GetValueOrDefault((clusterName, taskId, runtimeId));

    public Task<IContainerProcess> StartProcessAsync(ContainerContext container, ContainerProcessStart start, CancellationToken cancellationToken)
    {
        var argv = start.Argv.Count == 0 ? ["/bin/sh"] : start.Argv.ToList();
        if (start.UsePty)
        {
            argv = ["/bin/sh", "-c", "exec 2>&1; exec \"$@\"", "sh", .. argv];
        }

        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = !start.UsePty,
            UseShellExecute = false,
            WorkingDirectory = container.WorkingDirectory,
        };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in container.Environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{argv[0]} did not start");
        var started = new PipeProcess(process, start.UsePty);
        _started.Add(started);
        return Task.FromResult<IContainerProcess>(started);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _started)
        {
            await process.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }
}
