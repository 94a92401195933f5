using EcsOps.Aws;
using EcsOps.Aws.Config;
using EcsOps.Aws.Config.Server;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox;
using EcsOps.Server.Security;

namespace EcsOps.Server.Tests.Security;

/// <summary>Secrets by reference: environment variables, and Secrets Manager read with the service's own credentials (the sandbox).</summary>
public sealed class SecretResolverTests : IAsyncLifetime
{
    private const string DatabasePasswordArn = "arn:aws:secretsmanager:us-east-1:111111111111:secret:dev/db-password";

    private SandboxHost _sandbox = null!;
    private string _cache = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions { RunContainerProcesses = false });
        _cache = Directory.CreateTempSubdirectory("ecsops-secret-tests-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public async Task SecretsManagerArn_ReadWithTheServicesCredentials()
    {
        using var workspace = Workspace();
        var resolver = new SecretResolver(EnvironmentVariables.Empty, workspace, "ecsops.yaml");

        var value = await resolver.ResolveAsync(Reference(DatabasePasswordArn), "server.viewers 'ops' token", CancellationToken.None);

        Assert.Equal("correct-horse-battery-staple", value);
    }

    [Fact]
    public async Task SecretsManagerArn_NoSuchSecret_ConfigErrorNamingTheSetting()
    {
        using var workspace = Workspace();
        var resolver = new SecretResolver(EnvironmentVariables.Empty, workspace, "ecsops.yaml");

        var error = await Assert.ThrowsAsync<ConfigException>(() => resolver.ResolveAsync(
            Reference("arn:aws:secretsmanager:us-east-1:111111111111:secret:nope"), "server.slack.signingSecret", CancellationToken.None));

        Assert.StartsWith("ecsops.yaml: server.slack.signingSecret: cannot read arn:aws:secretsmanager:us-east-1:111111111111:secret:nope", error.Message);
    }

    [Fact]
    public async Task SecretsManagerArn_WithoutAwsAccess_ConfigError()
    {
        var resolver = new SecretResolver(EnvironmentVariables.Empty, aws: null, "ecsops.yaml");

        var error = await Assert.ThrowsAsync<ConfigException>(() => resolver.ResolveAsync(Reference(DatabasePasswordArn), "server.slack.signingSecret", CancellationToken.None));

        Assert.Contains("needs AWS access", error.Message);
    }

    [Theory]
    [InlineData(null, "the environment variable SLACK_SECRET is not set")]
    [InlineData("   ", "the environment variable SLACK_SECRET is not set")]
    [InlineData("short", "shorter than 16 characters")]
    public async Task EnvironmentVariable_MissingOrShort_ConfigError(string? value, string problem)
    {
        var variables = value is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["SLACK_SECRET"] = value };
        var resolver = new SecretResolver(new EnvironmentVariables(variables), aws: null, "ecsops.yaml");

        var error = await Assert.ThrowsAsync<ConfigException>(() => resolver.ResolveAsync(Reference("env:SLACK_SECRET"), "server.slack.signingSecret", CancellationToken.None));

        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain("short\"", error.Message);
    }

    private AwsWorkspace Workspace()
    {
        var dev = _sandbox.World.Accounts[0];
        return new AwsWorkspace(new AwsWorkspaceOptions
        {
            Environment = new EnvironmentVariables(new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL"] = _sandbox.Endpoint.ToString(),
                ["AWS_REGION"] = "us-east-1",
            }),
            BaseCredentials = new StaticCredentialsProvider(new AwsCredentials(dev.AccessKeyId, dev.SecretAccessKey)),
            CacheDirectory = _cache,
        });
    }

    private static SecretReference Reference(string text) => SecretReference.TryParse(text, out var reference) ? reference! : throw new ArgumentException(text);
}
