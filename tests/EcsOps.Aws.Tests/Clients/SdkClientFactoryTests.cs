using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Aws.Config;
using EcsOps.Aws.Endpoints;
using EcsOps.Aws.Http;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Clients;

[Collection(SandboxCollection.Name)]
public class SdkClientFactoryTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task CreateSts_OverriddenEndpoint_ReachesSandboxAsDevUser()
    {
        using var sts = sandbox.Factory().CreateSts("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("111111111111", identity.Account);
        Assert.Equal("arn:aws:iam::111111111111:user/sandbox-user", identity.Arn);
    }

    [Fact]
    public async Task CreateS3_OverriddenEndpoint_UsesPathStyleAndRoundTrips()
    {
        using var s3 = sandbox.Factory().CreateS3("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));
        var bucket = "ecsops-aws-tests-" + Guid.NewGuid().ToString("N")[..12];

        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a/b.txt", ContentBody = "hello" });
        using var get = await s3.GetObjectAsync(bucket, "a/b.txt");
        using var reader = new StreamReader(get.ResponseStream);

        Assert.True(((Amazon.S3.AmazonS3Config)s3.Config).ForcePathStyle);
        Assert.Equal("hello", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task CreateSsm_OverriddenEndpoint_StartsAndTerminatesSession()
    {
        var credentials = SandboxFixture.CredentialsOf(sandbox.Dev);
        var tasks = await sandbox.Factory().CreateEcs("us-east-1", credentials).DescribeTasksAsync(
            new Ecs.Model.DescribeTasksRequest { Cluster = "dev-web", Tasks = ["11111111111111111111111111111111"] }, CancellationToken.None);
        var runtimeId = tasks.Tasks[0].Containers[0].RuntimeId;
        using var ssm = sandbox.Factory().CreateSsm("us-east-1", credentials);

        var session = await ssm.StartSessionAsync(new StartSessionRequest { Target = $"ecs:dev-web_11111111111111111111111111111111_{runtimeId}" });
        var terminated = await ssm.TerminateSessionAsync(new TerminateSessionRequest { SessionId = session.SessionId });

        Assert.Equal(session.SessionId, terminated.SessionId);
    }

    [Fact]
    public void CreateSsm_DefaultEndpoint_UsesRegionEndpoint()
    {
        using var factory = new AwsClientFactory(
            new EndpointResolver(EnvironmentVariables.Empty, configFile: AwsSharedConfigFile.Empty),
            new RetryOptions { MaxAttempts = 5 },
            TimeProvider.System);

        using var ssm = factory.CreateSsm("eu-central-1", TestEnvironment.Credentials());

        Assert.Equal("eu-central-1", ssm.Config.RegionEndpoint.SystemName);
        Assert.Null(ssm.Config.ServiceURL);
        Assert.Equal(4, ssm.Config.MaxErrorRetry);
    }
}
