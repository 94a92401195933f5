using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Protocol.Channels;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Tests.Support;
using EcsOps.Sandbox.World;
using Microsoft.Extensions.DependencyInjection;
using SsmTarget = EcsOps.Sandbox.Ssm.SsmTarget;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>
/// A sandbox whose sessions really run: the message gateway, the container agent and the real container
/// runtime (every RUNNING task of the world is a local process; shells get a real PTY, commands real pipes).
/// Agent pacing is off (tests want speed). In its world the prod-api cluster encrypts ECS Exec with KMS
/// (alias/ecsops). Session processes are found through the runtime, never through a test double.
/// </summary>
public sealed class SessionSandbox : IAsyncDisposable
{
    public const string WebCluster = "dev-web";
    public const string WebTask = "11111111111111111111111111111111";
    public const string KmsCluster = "prod-api";
    public const string KmsTask = "33333333333333333333333333333333";
    public const string KmsRegion = "eu-west-1";

    /// <summary>Short, so that a test's task that ignores SIGTERM does not hold up StopTask.</summary>
    private static readonly TimeSpan s_containerStopTimeout = TimeSpan.FromSeconds(1);

    private SessionSandbox(SandboxHost host) => Host = host;

    public SandboxHost Host { get; }

    /// <summary>The runtime running the world's containers and every session's processes.</summary>
    public LocalContainerRuntime Runtime => Host.Services.GetRequiredService<LocalContainerRuntime>();

    public AccountDefinition Dev => Host.World.Accounts.Single(a => a.Name == "dev");

    public AccountDefinition Prod => Host.World.Accounts.Single(a => a.Name == "prod");

    public static async Task<SessionSandbox> StartAsync(Func<SandboxOptions, SandboxOptions>? configure = null)
    {
        var world = WorldLoader.LoadDefault();
        var prod = world.Accounts.Single(a => a.Name == "prod");
        prod.Clusters.Single(c => c.Name == KmsCluster).ExecuteCommandConfiguration!.KmsKeyId = "alias/ecsops";
        var options = new SandboxOptions { World = world, AgentPacing = TimeSpan.Zero, ContainerStopTimeout = s_containerStopTimeout };
        options = configure?.Invoke(options) ?? options;
        if (!options.RunContainerProcesses || options.ContainerHost is not null || options.TaskLauncher is not null)
        {
            throw new ArgumentException("a session sandbox runs its sessions in the real container runtime", nameof(configure));
        }

        return new SessionSandbox(await SandboxHost.StartAsync(options));
    }

    public AmazonSimpleSystemsManagementClient Ssm(AccountDefinition? account = null, string region = "us-east-1")
    {
        account ??= Dev;
        return new AmazonSimpleSystemsManagementClient(
            new BasicAWSCredentials(account.AccessKeyId, account.SecretAccessKey),
            new AmazonSimpleSystemsManagementConfig { ServiceURL = Host.Endpoint.ToString(), AuthenticationRegion = region, MaxErrorRetry = 0 });
    }

    public RawAwsClient Raw(AccountDefinition? account = null, string region = "us-east-1") =>
        new(Host.Endpoint, SandboxFixture.CredentialsOf(account ?? Dev), region);

    /// <summary>The SSM target of a task's container (the first one when <paramref name="containerName"/> is null).</summary>
    public string TargetOf(string cluster = WebCluster, string taskId = WebTask, AccountDefinition? account = null, string region = "us-east-1", string? containerName = null)
    {
        var task = Host.Ecs.Read(new EcsScope((account ?? Dev).Id, region), r => r.Clusters[cluster].Tasks[taskId]);
        var container = containerName is null ? task.Containers[0] : task.Containers.Single(c => c.Name == containerName);
        return $"ecs:{cluster}_{taskId}_{container.RuntimeId}";
    }

    /// <summary>The running container behind an SSM target, as the runtime knows it.</summary>
    public ContainerContext ContainerOf(string target)
    {
        Assert.True(SsmTarget.TryParse(target, out var parsed), target);
        return Runtime.FindContainer(parsed.ClusterName, parsed.TaskId, parsed.RuntimeId)
            ?? throw new InvalidOperationException($"{target} is not running in the container runtime");
    }

    /// <summary>ssm:StartSession through the AWS SDK against the dev web task (or <paramref name="target"/>).</summary>
    public async Task<SessionHandle> StartSessionAsync(string? documentName = null, Dictionary<string, List<string>>? parameters = null, string? target = null)
    {
        using var ssm = Ssm();
        var request = new StartSessionRequest { Target = target ?? TargetOf(), DocumentName = documentName };
        if (parameters is not null)
        {
            request.Parameters = parameters;
        }

        var response = await ssm.StartSessionAsync(request);
        return new SessionHandle(response.SessionId, response.TokenValue, response.StreamUrl, request.Target, Dev, "us-east-1");
    }

    /// <summary>ecs:ExecuteCommand as a SigV4-signed JSON request (the SDK for ECS is not in the NuGet mirror).</summary>
    public async Task<SessionHandle> ExecuteCommandAsync(
        string command, string cluster = WebCluster, string taskId = WebTask, string? container = null, AccountDefinition? account = null, string region = "us-east-1")
    {
        account ??= Dev;
        using var raw = Raw(account, region);
        var request = new JsonObject { ["cluster"] = cluster, ["task"] = taskId, ["command"] = command, ["interactive"] = true };
        if (container is not null)
        {
            request["container"] = container;
        }

        var response = await raw.JsonOkAsync("ecs", "ExecuteCommand", request.ToJsonString());
        var session = response.GetProperty("session");
        return new SessionHandle(
            session.GetProperty("sessionId").GetString()!,
            session.GetProperty("tokenValue").GetString()!,
            session.GetProperty("streamUrl").GetString()!,
            TargetOf(cluster, taskId, account, region, response.GetProperty("containerName").GetString()),
            account,
            region);
    }

    /// <summary>
    /// ecs:RunTask of <paramref name="family"/> in <paramref name="cluster"/> with ECS Exec enabled and the given
    /// command overrides (container name → argv); returns the task id once the task is RUNNING.
    /// </summary>
    public async Task<string> RunTaskAsync(
        string family, IReadOnlyDictionary<string, string[]> commands, string cluster = WebCluster, AccountDefinition? account = null,
        string region = "us-east-1", string subnet = "subnet-0dev0000000000001")
    {
        account ??= Dev;
        using var raw = Raw(account, region);
        var overrides = new JsonArray([.. commands.Select(c => new JsonObject { ["name"] = c.Key, ["command"] = new JsonArray([.. c.Value.Select(a => JsonValue.Create(a))]) })]);
        var request = new JsonObject
        {
            ["cluster"] = cluster,
            ["taskDefinition"] = family,
            ["enableExecuteCommand"] = true,
            ["networkConfiguration"] = new JsonObject { ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray(subnet) } },
            ["overrides"] = new JsonObject { ["containerOverrides"] = overrides },
        };
        var response = await raw.JsonOkAsync("ecs", "RunTask", request.ToJsonString());
        var taskArn = response.GetProperty("tasks")[0].GetProperty("taskArn").GetString()!;
        await Host.Ecs.WaitForTaskAsync(new EcsScope(account.Id, region), taskArn, t => t.LastStatus != EcsStatus.Provisioning, CancellationToken.None)
            .WithinTestDeadline();
        return taskArn[(taskArn.LastIndexOf('/') + 1)..];
    }

    /// <summary>ecs:StopTask, then waits until the task is STOPPED (its processes are gone by then).</summary>
    public async Task StopTaskAsync(string taskId, string cluster = WebCluster, AccountDefinition? account = null, string region = "us-east-1")
    {
        account ??= Dev;
        using var raw = Raw(account, region);
        var response = await raw.JsonOkAsync("ecs", "StopTask", new JsonObject { ["cluster"] = cluster, ["task"] = taskId }.ToJsonString());
        var taskArn = response.GetProperty("task").GetProperty("taskArn").GetString()!;
        await Host.Ecs.WaitForTaskAsync(new EcsScope(account.Id, region), taskArn, t => t.LastStatus == EcsStatus.Stopped, CancellationToken.None)
            .WithinTestDeadline();
    }

    /// <summary>Opens the client end of <paramref name="session"/>; reconnects run ResumeSession as its owner.</summary>
    public Task<ClientChannel> OpenClientAsync(SessionHandle session, DataChannelOptions? options = null) =>
        ClientChannel.OpenAsync(session, Ssm(session.Account, session.Region), options);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>One <see cref="SessionSandbox"/> shared by a test collection.</summary>
public sealed class SessionSandboxFixture : IAsyncLifetime
{
    public SessionSandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() => Sandbox = await SessionSandbox.StartAsync();

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SessionSandboxCollection : ICollectionFixture<SessionSandboxFixture>
{
    public const string Name = "session sandbox";
}
