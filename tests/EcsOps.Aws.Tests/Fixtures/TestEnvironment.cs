using EcsOps.Aws.Config;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Endpoints;
using EcsOps.Aws.Http;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Tests.Fixtures;

/// <summary>
/// Builds clients pointed at one endpoint through a private environment (no process variables, no ~/.aws files),
/// so tests can run side by side against different servers.
/// </summary>
internal static class TestEnvironment
{
    /// <summary>An environment whose only setting is <c>AWS_ENDPOINT_URL</c>.</summary>
    public static EnvironmentVariables WithEndpoint(Uri endpoint) =>
        new(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/') });

    /// <summary>A factory sending everything to <paramref name="endpoint"/>; retries without back-off delay.</summary>
    public static AwsClientFactory Factory(Uri endpoint, RetryOptions? retry = null, HttpClient? httpClient = null) =>
        new(new EndpointResolver(WithEndpoint(endpoint), configFile: AwsSharedConfigFile.Empty),
            retry ?? new RetryOptions { BaseDelay = TimeSpan.Zero },
            TimeProvider.System,
            httpClient);

    public static IAwsCredentialsProvider Credentials(string accessKeyId = "AKIDEXAMPLE", string secret = "secret") =>
        new StaticCredentialsProvider(new AwsCredentials(accessKeyId, secret));
}
