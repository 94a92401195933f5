using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOps.Sandbox.Tests.Support;

/// <summary>
/// A sandbox whose tasks run as real local processes (the default world's services are up when it starts),
/// with a one-second stop timeout so that a SIGTERM-proof container is killed quickly.
/// </summary>
public sealed class ContainerSandboxFixture : IAsyncLifetime
{
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(1);
    public static readonly EcsScope DevScope = new("111111111111", "us-east-1");
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    public SandboxHost Host { get; private set; } = null!;

    public AccountDefinition Dev => Host.World.Accounts.Single(a => a.Name == "dev");

    public AwsCli Cli => new(Host, Dev, "us-east-1");

    public LocalContainerRuntime Runtime => Host.Services.GetRequiredService<LocalContainerRuntime>();

    public async Task InitializeAsync() =>
        Host = await SandboxHost.StartAsync(new SandboxOptions { ContainerStopTimeout = StopTimeout });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Runs a task of the dev account in cluster dev-web; returns its ARN.</summary>
    public async Task<string> RunTaskAsync(string family, string containerName, params string[] command)
    {
        var overrides = System.Text.Json.JsonSerializer.Serialize(new { containerOverrides = new[] { new { name = containerName, command } } });
        var output = await Cli.JsonAsync("ecs", "run-task", "--cluster", "dev-web", "--task-definition", family,
            "--network-configuration", "awsvpcConfiguration={subnets=[subnet-0dev0000000000001]}", "--overrides", overrides);
        return output.GetProperty("tasks")[0].GetProperty("taskArn").GetString()!;
    }

    public Task<EcsTask> WaitForStatusAsync(string taskArn, string lastStatus) =>
        Host.Ecs.WaitForTaskAsync(DevScope, taskArn, t => t.LastStatus == lastStatus, CancellationToken.None).WaitAsync(s_deadline);

    /// <summary>The messages of a log stream, oldest first.</summary>
    public async Task<IReadOnlyList<string>> LogMessagesAsync(string group, string stream)
    {
        var events = await Cli.JsonAsync("logs", "get-log-events", "--log-group-name", group, "--log-stream-name", stream, "--start-from-head");
        return [.. events.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()!)];
    }

    public static string TaskIdOf(string taskArn) => taskArn[(taskArn.LastIndexOf('/') + 1)..];
}

[CollectionDefinition(Name)]
public sealed class ContainerSandboxCollection : ICollectionFixture<ContainerSandboxFixture>
{
    public const string Name = "sandbox with container processes";
}
