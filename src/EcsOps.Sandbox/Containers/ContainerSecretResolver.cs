using System.Text.Json;
using EcsOps.Sandbox.SecretsManager;

namespace EcsOps.Sandbox.Containers;

/// <summary>
/// Resolves a container definition's <c>secrets[].valueFrom</c> from the sandbox's Secrets Manager, as the ECS agent
/// does at task start: a secret ARN (with or without its random suffix), optionally followed by
/// <c>:json-key:version-stage:version-id</c>, or a bare secret name in the task's account and region.
/// </summary>
internal static class ContainerSecretResolver
{
    private const string ArnMarker = ":secret:";

    /// <exception cref="ContainerProcessStartException">The secret or the JSON key does not exist.</exception>
    public static string Resolve(SecretStore secrets, string accountId, string region, string valueFrom)
    {
        var secretId = valueFrom;
        string? jsonKey = null;
        if (valueFrom.StartsWith("arn:", StringComparison.Ordinal))
        {
            var parts = valueFrom.Split(':');
            if (parts.Length < 7 || parts[2] != "secretsmanager" || parts[5] != "secret")
            {
                throw Failure(valueFrom, "only Secrets Manager secrets are supported by the sandbox (no SSM parameters)");
            }

            region = parts[3];
            accountId = parts[4];
            var marker = valueFrom.IndexOf(ArnMarker, StringComparison.Ordinal) + ArnMarker.Length;
            var afterName = valueFrom.IndexOf(':', marker);
            secretId = afterName < 0 ? valueFrom : valueFrom[..afterName];
            jsonKey = parts.Length > 7 && parts[7].Length > 0 ? parts[7] : null;
        }

        var secret = secrets.Find(accountId, region, secretId)
            ?? throw Failure(valueFrom, "the secret does not exist");
        var value = secret.Value ?? throw Failure(valueFrom, "the secret has no SecretString");
        return jsonKey is null ? value : JsonKey(value, jsonKey, valueFrom);
    }

    private static string JsonKey(string json, string key, string valueFrom)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
                : throw Failure(valueFrom, $"the secret has no JSON key '{key}'");
        }
        catch (JsonException)
        {
            throw Failure(valueFrom, "the secret is not JSON, so it has no key");
        }
    }

    private static ContainerProcessStartException Failure(string valueFrom, string why) =>
        new($"ResourceInitializationError: unable to pull secrets or registry auth: retrieving secret {valueFrom}: {why}");
}
