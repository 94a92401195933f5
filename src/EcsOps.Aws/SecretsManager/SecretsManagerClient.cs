using EcsOps.Aws.Http;
using EcsOps.Aws.SecretsManager.Model;

namespace EcsOps.Aws.SecretsManager;

/// <summary>AWS Secrets Manager over AWS JSON 1.1, shaped like <c>AmazonSecretsManagerClient</c> of the AWS SDK.</summary>
public sealed class SecretsManagerClient(AwsJsonClient transport)
{
    /// <summary>The <c>X-Amz-Target</c> prefix of Secrets Manager.</summary>
    public const string TargetPrefix = "secretsmanager";

    private static SecretsManagerJsonContext Json => SecretsManagerJsonContext.Default;

    public AwsJsonClient Transport => transport;

    public Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("GetSecretValue", request, Json.GetSecretValueRequest, Json.GetSecretValueResponse, cancellationToken);
}
