using Amazon.SecurityToken.Model;
using EcsOps.Aws.Accounts;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Http;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Accounts;

[Collection(SandboxCollection.Name)]
public class AccountAccessTests(SandboxFixture sandbox)
{
    private AccountAccess NewAccess(AwsClientFactory factory) =>
        new(factory, SandboxFixture.CredentialsOf(sandbox.Dev), "us-east-1", TimeSpan.FromHours(1));

    [Fact]
    public async Task GetOperator_DevKeys_IsTheDevUser()
    {
        using var factory = sandbox.Factory();
        using var access = NewAccess(factory);

        var identity = await access.GetOperatorAsync(CancellationToken.None);

        Assert.Equal("111111111111", identity.AccountId);
        Assert.Equal("sandbox-user", identity.Name);
        Assert.Equal("ecsops-sandbox-user", identity.RoleSessionName);
    }

    [Fact]
    public async Task CredentialsFor_OwnAccount_AreTheBaseCredentials()
    {
        using var factory = sandbox.Factory();
        using var access = NewAccess(factory);

        var credentials = await access.CredentialsForAsync(
            new AwsAccount("111111111111", "dev", ["us-east-1"], "EcsOpsAccess"), CancellationToken.None);

        Assert.Same(access.BaseCredentials, credentials);
    }

    [Fact]
    public async Task CredentialsFor_OtherAccount_AssumesRoleNamedAfterOperator()
    {
        using var factory = sandbox.Factory();
        using var access = NewAccess(factory);
        var prod = new AwsAccount("222222222222", "prod", ["eu-west-1"], "EcsOpsAccess");

        var credentials = await access.CredentialsForAsync(prod, CancellationToken.None);
        var issued = await credentials.GetCredentialsAsync(CancellationToken.None);
        using var sts = factory.CreateSts("us-east-1", credentials);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var clusters = await factory.CreateEcs("eu-west-1", credentials).ListClustersAsync(new ListClustersRequest(), CancellationToken.None);

        Assert.StartsWith("ASIA", issued.AccessKeyId, StringComparison.Ordinal);
        Assert.NotNull(issued.SessionToken);
        Assert.NotNull(issued.Expiration);
        Assert.Equal("arn:aws:sts::222222222222:assumed-role/EcsOpsAccess/ecsops-sandbox-user", identity.Arn);
        Assert.Equal("arn:aws:ecs:eu-west-1:222222222222:cluster/prod-api", Assert.Single(clusters.ClusterArns));
    }

    [Fact]
    public async Task CredentialsFor_SameAccountTwice_ReusesTheRoleSession()
    {
        using var factory = sandbox.Factory();
        using var access = NewAccess(factory);
        var prod = new AwsAccount("222222222222", "prod", ["eu-west-1"], "EcsOpsAccess");

        var first = await (await access.CredentialsForAsync(prod, CancellationToken.None)).GetCredentialsAsync(CancellationToken.None);
        var second = await (await access.CredentialsForAsync(prod, CancellationToken.None)).GetCredentialsAsync(CancellationToken.None);

        Assert.Equal(first.AccessKeyId, second.AccessKeyId);
    }

    [Fact]
    public async Task CredentialsFor_RoleNotInAccount_ThrowsAccessDenied()
    {
        using var factory = sandbox.Factory();
        using var access = NewAccess(factory);

        var credentials = await access.CredentialsForAsync(
            new AwsAccount("222222222222", "prod", ["eu-west-1"], "NoSuchRole"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => credentials.GetCredentialsAsync(CancellationToken.None).AsTask());
        Assert.Contains("sts:AssumeRole", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsFor_OtherAccountWithoutRole_ExplainsWhatToConfigure()
    {
        using var factory = sandbox.Factory();
        using var access = NewAccess(factory);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => access.CredentialsForAsync(new AwsAccount("222222222222", "prod", ["eu-west-1"], null), CancellationToken.None));

        Assert.Contains("roleName", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice@example.com", "alice@example.com")]
    [InlineData("a b/c:d", "a-b-c-d")]
    [InlineData("x", "x-")]
    public void ToSessionName_AnyText_IsValidForSts(string text, string expected)
    {
        Assert.Equal(expected, OperatorIdentity.ToSessionName(text));
    }

    [Fact]
    public void RoleSessionName_LongSsoName_IsCutTo64()
    {
        var identity = new OperatorIdentity(
            "1", "arn:aws:sts::1:assumed-role/AWSReservedSSO_Admin_0123/" + new string('a', 100) + "@example.com", "AROA:x");

        Assert.Equal(64, identity.RoleSessionName.Length);
        Assert.StartsWith("ecsops-aaaa", identity.RoleSessionName, StringComparison.Ordinal);
    }
}
