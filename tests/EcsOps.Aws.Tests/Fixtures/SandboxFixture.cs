using EcsOps.Aws.Credentials;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox;
using EcsOps.Sandbox.World;

namespace EcsOps.Aws.Tests.Fixtures;

/// <summary>
/// The sandbox with its built-in default world (dev 111111111111 in us-east-1, prod 222222222222 in eu-west-1),
/// in-process on 127.0.0.1 port 0, shared by one test collection. Tests use their own log groups and tasks.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxHost Host { get; private set; } = null!;

    public AccountDefinition Dev => Host.World.Accounts.Single(a => a.Name == "dev");

    public AccountDefinition Prod => Host.World.Accounts.Single(a => a.Name == "prod");

    public async Task InitializeAsync() => Host = await SandboxHost.StartAsync(new SandboxOptions { RunContainerProcesses = false });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    internal AwsClientFactory Factory() => TestEnvironment.Factory(Host.Endpoint);

    public static IAwsCredentialsProvider CredentialsOf(AccountDefinition account) =>
        new StaticCredentialsProvider(new AwsCredentials(account.AccessKeyId, account.SecretAccessKey));
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>
{
    public const string Name = "aws-sandbox";
}
