using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Protocol.Channels;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Tests.Agent.Support;
using EcsOps.Sandbox.Tests.Support;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>
/// A sandbox whose sessions really run: the container agent, the message gateway and a
/// <see cref="PipeProcessHost"/> that knows every running container of the world. Agent pacing is off
/// (tests want speed). In its world the prod-api cluster encrypts ECS Exec with KMS (alias/ecsops).
/// </summary>
public sealed class SessionSandbox : IAsyncDisposable
{
    public const string WebCluster = "dev-web";
    public const string WebTask = "11111111111111111111111111111111";
    public const string KmsCluster = "prod-api";
    public const string KmsTask = "33333333333333333333333333333333";
    public const string KmsRegion = "eu-west-1";

    private SessionSandbox(SandboxHost host, PipeProcessHost processes)
    {
        Host = host;
        Processes = processes;
    }

    public SandboxHost Host { get; }

    public PipeProcessHost Processes { get; }

    public AccountDefinition Dev => Host.World.Accounts.Single(a => a.Name == "dev");

    public AccountDefinition Prod => Host.World.Accounts.Single(a => a.Name == "prod");

    public static async Task<SessionSandbox> StartAsync(Func<SandboxOptions, SandboxOptions>? configure = null)
    {
        var world = WorldLoader.LoadDefault();
        var prod = world.Accounts.Single(a => a.Name == "prod");
        prod.Clusters.Single(c => c.Name == KmsCluster).ExecuteCommandConfiguration!.KmsKeyId = "alias/ecsops";
        var processes = new PipeProcessHost();
        var options = new SandboxOptions { World = world, ContainerHost = processes, AgentPacing = TimeSpan.Zero };
        var host = await SandboxHost.StartAsync(configure?.Invoke(options) ?? options);
        processes.AddRunningContainers(host);
        return new SessionSandbox(host, processes);
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

    /// <summary>ssm:StartSession through the AWS SDK against the dev web task.</summary>
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

    /// <summary>Opens the client end of <paramref name="session"/>; reconnects run ResumeSession as its owner.</summary>
    public Task<ClientChannel> OpenClientAsync(SessionHandle session, DataChannelOptions? options = null) =>
        ClientChannel.OpenAsync(session, Ssm(session.Account, session.Region), options);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Processes.DisposeAsync();
    }
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
