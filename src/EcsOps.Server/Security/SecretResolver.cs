using EcsOps.Aws;
using EcsOps.Aws.Config;
using EcsOps.Aws.Config.Server;
using EcsOps.Aws.Http;
using EcsOps.Aws.SecretsManager.Model;

namespace EcsOps.Server.Security;

/// <summary>
/// Reads secrets the config refers to: environment variables of the service, or Secrets Manager secrets read with
/// the service's own credentials (the process's credential chain) in the secret's region.
/// </summary>
public sealed class SecretResolver(IEnvironmentVariables environment, AwsWorkspace? aws, string? configPath)
{
    /// <summary>Shorter secrets are refused: they can be guessed.</summary>
    public const int MinimumLength = 16;

    /// <summary>The secret's value.</summary>
    /// <param name="what">Where the reference is in the config (<c>server.slack.signingSecret</c>), for messages.</param>
    /// <exception cref="ConfigException">The secret is missing, unreadable or too short.</exception>
    public async Task<string> ResolveAsync(SecretReference reference, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var value = reference.EnvironmentVariable is { } name
            ? environment.GetNonEmpty(name) ?? throw Problem(what, $"the environment variable {name} is not set")
            : await ReadSecretsManagerAsync(reference, what, cancellationToken);
        return value.Length >= MinimumLength
            ? value
            : throw Problem(what, $"the secret from {reference} is shorter than {MinimumLength} characters; use a long random value");
    }

    private async Task<string> ReadSecretsManagerAsync(SecretReference reference, string what, CancellationToken cancellationToken)
    {
        if (aws is null)
        {
            throw Problem(what, $"{reference} needs AWS access, which this service was started without");
        }

        try
        {
            var client = aws.Factory.CreateSecretsManager(reference.SecretRegion!, aws.BaseCredentials);
            var secret = await client.GetSecretValueAsync(new GetSecretValueRequest { SecretId = reference.SecretArn! }, cancellationToken);
            return secret.SecretString is { Length: > 0 } text ? text.Trim() : throw Problem(what, $"{reference} has no SecretString");
        }
        catch (Exception error) when (error is AwsServiceException or AwsConnectionException or Amazon.Runtime.AmazonClientException)
        {
            throw Problem(what, $"cannot read {reference}: {error.Message}", error);
        }
    }

    private ConfigException Problem(string what, string problem, Exception? inner = null) =>
        new(configPath, 0, 0, $"{what}: {problem}", inner);
}
