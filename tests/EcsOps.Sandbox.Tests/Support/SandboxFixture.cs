using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Tests.Support;

/// <summary>
/// One sandbox per test collection, in-process on 127.0.0.1 with a free port and the built-in default world.
/// Tests share it, so each uses its own bucket names, log groups and tasks. Tasks are records only (no
/// container processes): these tests are about the APIs; Containers/ has its own fixture with processes.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxHost Host { get; private set; } = null!;

    public AccountDefinition Dev => Host.World.Accounts.Single(a => a.Name == "dev");

    public AccountDefinition Prod => Host.World.Accounts.Single(a => a.Name == "prod");

    public AwsCli Cli => new(Host, Dev, "us-east-1");

    public async Task InitializeAsync() => Host = await SandboxHost.StartAsync(new SandboxOptions { RunContainerProcesses = false });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public static AwsCredentials CredentialsOf(AccountDefinition account) => new(account.AccessKeyId, account.SecretAccessKey);

    public RawAwsClient Raw(AccountDefinition? account = null, string region = "us-east-1") =>
        new(Host.Endpoint, CredentialsOf(account ?? Dev), region);

    public AmazonS3Client S3(AccountDefinition? account = null) =>
        new(SdkCredentials(account), new AmazonS3Config { ServiceURL = Host.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    public AmazonSimpleSystemsManagementClient Ssm(AccountDefinition? account = null, string region = "us-east-1") =>
        new(SdkCredentials(account), new AmazonSimpleSystemsManagementConfig { ServiceURL = Host.Endpoint.ToString(), AuthenticationRegion = region });

    public AmazonSecurityTokenServiceClient Sts(AWSCredentials? credentials = null) =>
        new(credentials ?? SdkCredentials(null), new AmazonSecurityTokenServiceConfig { ServiceURL = Host.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });

    /// <summary>SSM StartSession (through the SDK) on the first container of the default world's dev-web task.</summary>
    public async Task<StartSessionResponse> StartDevWebSessionAsync()
    {
        const string taskId = "11111111111111111111111111111111";
        var task = Host.Ecs.Read(new EcsScope("111111111111", "us-east-1"), r => r.Clusters["dev-web"].Tasks[taskId]);
        using var ssm = Ssm();
        return await ssm.StartSessionAsync(new StartSessionRequest { Target = $"ecs:dev-web_{taskId}_{task.Containers[0].RuntimeId}" });
    }

    private BasicAWSCredentials SdkCredentials(AccountDefinition? account) =>
        new((account ?? Dev).AccessKeyId, (account ?? Dev).SecretAccessKey);
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>
{
    public const string Name = "sandbox";
}
