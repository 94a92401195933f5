using EcsOps.Aws.Config;
using EcsOps.Aws.Credentials;
using EcsOps.Sandbox;
using EcsOps.Sandbox.World;

namespace EcsOps.Aws.Tests.Fixtures;

/// <summary>
/// A sandbox for discovery tests, which must not see tasks other tests start: the default world, or a world built
/// in code. Workspaces built from it reach every service through AWS_ENDPOINT_URL in a private environment and
/// sign as the hub account.
/// </summary>
public abstract class DiscoverySandbox : IAsyncLifetime
{
    private readonly List<string> _cacheDirectories = [];

    public SandboxHost Host { get; private set; } = null!;

    /// <summary>The account whose keys are the operator's base credentials.</summary>
    public AccountDefinition Hub => Host.World.Accounts.Single(a => a.Name == HubName);

    protected abstract string HubName { get; }

    protected abstract WorldDefinition? World { get; }

    public async Task InitializeAsync() => Host = await SandboxHost.StartAsync(new SandboxOptions { World = World, RunContainerProcesses = false });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        foreach (var directory in _cacheDirectories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A workspace with its own (empty) cache directory.</summary>
    internal AwsWorkspace Workspace(EcsOpsConfig config, HttpClient? httpClient = null, string? region = null)
    {
        var cache = Directory.CreateTempSubdirectory("ecsops-discovery-").FullName;
        lock (_cacheDirectories)
        {
            _cacheDirectories.Add(cache);
        }

        var variables = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = Host.Endpoint.ToString() };
        if (region is not null)
        {
            variables["AWS_REGION"] = region;
        }

        return new AwsWorkspace(new AwsWorkspaceOptions
        {
            Config = config,
            Environment = new EnvironmentVariables(variables),
            BaseCredentials = SandboxFixture.CredentialsOf(Hub),
            CacheDirectory = cache,
            HttpClient = httpClient,
        });
    }

    internal IAwsCredentialsProvider HubCredentials => SandboxFixture.CredentialsOf(Hub);
}

/// <summary>The default world: dev (hub, us-east-1) and prod (eu-west-1), both with the EcsOpsAccess role.</summary>
public sealed class DefaultWorldSandbox : DiscoverySandbox
{
    public const string Config = """
        accounts:
          - { id: "111111111111", name: dev, regions: [us-east-1] }
          - { id: "222222222222", name: prod, regions: [eu-west-1] }
        defaults:
          roleName: EcsOpsAccess
          concurrency: 2
        """;

    protected override string HubName => "dev";

    protected override WorldDefinition? World => null;
}

[CollectionDefinition(Name)]
public sealed class DefaultWorldCollection : ICollectionFixture<DefaultWorldSandbox>
{
    public const string Name = "aws-discovery-default-world";
}
