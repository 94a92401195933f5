using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EcsOps.Cli.Tests.Support;
using EcsOps.Sandbox.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>Temporary credentials that ran out, as after an SSO session or an assumed role expired.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class ExpiredCredentialsTests(CliSandboxFixture sandbox)
{
    [Theory]
    [InlineData("ls")]
    [InlineData("exec", "dev-web/web", "--", "true")]
    public async Task Command_WithExpiredSessionCredentials_OneLineSayingToRefresh(params string[] arguments)
    {
        var expired = await ExpiredRoleCredentialsAsync();

        await using var process = sandbox.Start(arguments, extra: expired);
        process.StandardInput.Close();
        var result = await process.WaitAsync();

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: your AWS credentials have expired", error);
        Assert.Contains("aws sso login", error);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    /// <summary>A role session of the dev account, issued by the sandbox's STS and then run out.</summary>
    private async Task<Dictionary<string, string>> ExpiredRoleCredentialsAsync()
    {
        var environment = sandbox.Environment;
        using var sts = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials(environment["AWS_ACCESS_KEY_ID"], environment["AWS_SECRET_ACCESS_KEY"]),
            new AmazonSecurityTokenServiceConfig { ServiceURL = sandbox.Host.Endpoint.ToString(), AuthenticationRegion = environment["AWS_REGION"] });
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::111111111111:role/EcsOpsAccess",
            RoleSessionName = "expired-test",
        });
        Assert.True(sandbox.Host.Services.GetRequiredService<CredentialStore>().Expire(assumed.Credentials.AccessKeyId));
        return new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = assumed.Credentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = assumed.Credentials.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = assumed.Credentials.SessionToken,
        };
    }
}
