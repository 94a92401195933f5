using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOps.Sandbox.Tests.Containers;

public class SandboxShutdownTests
{
    [Fact]
    public async Task Dispose_SandboxWithRunningWorldTasks_LeavesNoContainerProcessAlive()
    {
        var host = await SandboxHost.StartAsync(new SandboxOptions());
        var runtime = host.Services.GetRequiredService<LocalContainerRuntime>();
        var mainProcesses = host.Ecs.RunningTasks()
            .SelectMany(r => r.TaskDefinition.ContainerDefinitions.Select(c => runtime.MainProcessId(r.Task.TaskArn, c.Name)))
            .OfType<int>()
            .ToList();
        Assert.True(mainProcesses.Count >= 4, $"expected the world's servers and worker to run, found {mainProcesses.Count}");
        Assert.All(mainProcesses, pid => Assert.True(ContainerContexts.IsAlive(pid)));

        await host.DisposeAsync();

        Assert.All(mainProcesses, pid => Assert.False(ContainerContexts.IsAlive(pid), $"process {pid} survived the sandbox"));
        Assert.All(mainProcesses, pid => Assert.Empty(Sandbox.Containers.Native.ProcessSession.Members(pid)));
    }

    [Fact]
    public async Task Start_WithoutProcesses_RunsNothingAndFindsNoContainer()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions { RunContainerProcesses = false });

        Assert.Null(host.Services.GetService<IContainerProcessHost>());
        Assert.Null(host.Services.GetService<LocalContainerRuntime>());
        Assert.False(Directory.Exists(Path.Combine(host.DataDirectory, "containers")));
    }
}
