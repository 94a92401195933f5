using EcsOps.Aws.Http;
using EcsOps.Aws.Kms.Model;

namespace EcsOps.Aws.Kms;

/// <summary>AWS KMS over AWS JSON 1.1, shaped like <c>AmazonKeyManagementServiceClient</c> of the AWS SDK.</summary>
public sealed class KmsClient(AwsJsonClient transport)
{
    /// <summary>The <c>X-Amz-Target</c> prefix of KMS.</summary>
    public const string TargetPrefix = "TrentService";

    private static KmsJsonContext Json => KmsJsonContext.Default;

    public AwsJsonClient Transport => transport;

    public Task<GenerateDataKeyResponse> GenerateDataKeyAsync(GenerateDataKeyRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("GenerateDataKey", request, Json.GenerateDataKeyRequest, Json.GenerateDataKeyResponse, cancellationToken);

    public Task<DecryptResponse> DecryptAsync(DecryptRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("Decrypt", request, Json.DecryptRequest, Json.DecryptResponse, cancellationToken);
}
