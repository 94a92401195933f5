using Amazon.Runtime;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Tests.Credentials;

public class SdkCredentialsTests
{
    [Fact]
    public async Task SdkProvider_SessionCredentials_CarryToken()
    {
        using var provider = new SdkCredentialsProvider(new SessionAWSCredentials("ASIAX", "secret", "token"), TimeProvider.System);

        var credentials = await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.Equal(new AwsCredentials("ASIAX", "secret", "token"), credentials);
    }

    [Fact]
    public async Task SdkProvider_BasicCredentials_HaveNoToken()
    {
        using var provider = new SdkCredentialsProvider(new BasicAWSCredentials("AKIAX", "secret"), TimeProvider.System);

        var credentials = await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.Null(credentials.SessionToken);
        Assert.Null(credentials.Expiration);
    }

    [Fact]
    public void Adapter_SyncBeforeAnyAsyncCall_FailsInsteadOfBlocking()
    {
        var adapter = new SdkCredentialsAdapter(new StaticCredentialsProvider(new AwsCredentials("AKIAX", "s")));

        Assert.Throws<InvalidOperationException>(() => adapter.GetCredentials());
    }

    [Fact]
    public async Task Adapter_AfterAsyncCall_BothPathsAnswer()
    {
        var adapter = new SdkCredentialsAdapter(new StaticCredentialsProvider(new AwsCredentials("ASIAX", "s", "t")));

        var asynchronous = await adapter.GetCredentialsAsync();
        var synchronous = adapter.GetCredentials();

        Assert.Equal("ASIAX", asynchronous.AccessKey);
        Assert.Equal("t", synchronous.Token);
        Assert.True(synchronous.UseToken);
    }
}
