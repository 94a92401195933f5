using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Sdk;

[Collection(SandboxCollection.Name)]
public class StsSdkTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task AssumeRole_ThenGetCallerIdentity_ShowsAssumedRoleInTargetAccount()
    {
        using var sts = sandbox.Sts();

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole",
            RoleSessionName = "sdk-test",
            DurationSeconds = 900,
        });
        using var asRole = sandbox.Sts(assumed.Credentials);
        var identity = await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("222222222222", identity.Account);
        Assert.Equal("arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/sdk-test", identity.Arn);
        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.EndsWith(":sdk-test", assumed.AssumedRoleUser.AssumedRoleId, StringComparison.Ordinal);
        Assert.InRange(assumed.Credentials.Expiration!.Value, DateTime.UtcNow.AddMinutes(14), DateTime.UtcNow.AddMinutes(16));
    }

    [Fact]
    public async Task AssumeRole_BadSessionName_FailsWithValidationError()
    {
        using var sts = sandbox.Sts();
        var sessionName = string.Join(' ', "has", "spaces"); // kept out of the SDK analyzer's sight: the server must reject it

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::222222222222:role/EcsOpsAccess",
            RoleSessionName = sessionName,
        }));

        Assert.Equal("ValidationError", error.ErrorCode);
    }

    [Fact]
    public async Task GetCallerIdentity_TemporaryCredentialsWithoutToken_FailsWithInvalidClientTokenId()
    {
        using var sts = sandbox.Sts();
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::111111111111:role/EcsOpsAccess", RoleSessionName = "no-token" });
        using var withoutToken = sandbox.Sts(new Amazon.Runtime.BasicAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey));

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => withoutToken.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
    }
}
