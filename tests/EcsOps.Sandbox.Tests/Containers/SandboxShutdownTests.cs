using System.Globalization;
using System.Text.RegularExpressions;
using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Tests.Gateway.Support;
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
    public async Task Dispose_WithAnOpenShellSession_NoProcessOfTheSessionOutlivesTheSandbox()
    {
        var sandbox = await SessionSandbox.StartAsync();
        var disposed = false;
        ClientChannel? client = null;
        try
        {
            client = await sandbox.OpenClientAsync(await sandbox.StartSessionAsync());
            var shell = new ShellSessionClient(client.Channel);
            var output = new OutputCollector(shell);
            await shell.SendInputAsync("sleep 300 & echo \"jo\"\"b=$! she\"\"ll=$$\"\n"u8.ToArray(), TestDeadline.Token());
            await output.WaitForAsync("\r\n", await output.WaitForAsync("job="));
            var pids = Regex.Match(output.Text, "job=([0-9]+) shell=([0-9]+)");
            var job = int.Parse(pids.Groups[1].Value, CultureInfo.InvariantCulture);
            var shellPid = int.Parse(pids.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.True(ContainerContexts.IsAlive(job));

            await sandbox.DisposeAsync();
            disposed = true;

            Assert.False(ContainerContexts.IsAlive(job), $"the background sleep {job} outlived the sandbox");
            Assert.True(ContainerContexts.IsSessionGone(shellPid), $"processes of session {shellPid} outlived the sandbox");
        }
        finally
        {
            if (!disposed)
            {
                await sandbox.DisposeAsync();
            }

            if (client is not null)
            {
                // Its socket is gone and it is trying to resume; disposing ends that.
                await client.DisposeAsync();
            }
        }
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
