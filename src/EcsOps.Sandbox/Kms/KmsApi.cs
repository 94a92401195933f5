using System.Security.Cryptography;
using EcsOps.Aws.Kms.Model;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Kms;

/// <summary>KMS (JSON 1.1, X-Amz-Target <c>TrentService.*</c>): GenerateDataKey and Decrypt with the world's keys.</summary>
public static class KmsApi
{
    private const int MaxDataKeyBytes = 1024;

    public static IEndpointRouteBuilder MapKmsApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var keys = routes.ServiceProvider.GetRequiredService<KmsKeyRing>();
        var json = KmsJsonContext.Default;
        var operations = new JsonOperationTable(AwsService.Kms, json)
            .Add("GenerateDataKey", json.GenerateDataKeyRequest, json.GenerateDataKeyResponse, (r, aws) => GenerateDataKey(keys, aws, r))
            .Add("Decrypt", json.DecryptRequest, json.DecryptResponse, (r, aws) => Decrypt(keys, aws, r));
        routes.MapPost("/", operations.Dispatch).WithMetadata(new AwsServiceMetadata(AwsService.Kms)).WithName("kms");
        return routes;
    }

    internal static GenerateDataKeyResponse GenerateDataKey(KmsKeyRing keys, AwsRequestContext aws, GenerateDataKeyRequest request)
    {
        var key = RequireKey(keys, aws, request.KeyId);
        var length = (request.NumberOfBytes, request.KeySpec) switch
        {
            (null, "AES_256") => 32,
            (null, "AES_128") => 16,
            (null, null) or (not null, not null) => throw Validation("Please specify either number of bytes or key spec."),
            (null, _) => throw Validation($"1 validation error detected: Value '{request.KeySpec}' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]"),
            ({ } bytes, null) when bytes is >= 1 and <= MaxDataKeyBytes => bytes,
            _ => throw Validation($"1 validation error detected: Value '{request.NumberOfBytes}' at 'numberOfBytes' failed to satisfy constraint: Member must have value between 1 and {MaxDataKeyBytes}"),
        };

        var plaintext = RandomNumberGenerator.GetBytes(length);
        return new GenerateDataKeyResponse
        {
            KeyId = key.Arn,
            Plaintext = plaintext,
            CiphertextBlob = KmsKeyRing.Encrypt(key, plaintext, request.EncryptionContext),
        };
    }

    internal static DecryptResponse Decrypt(KmsKeyRing keys, AwsRequestContext aws, DecryptRequest request)
    {
        if (request.CiphertextBlob is not { Length: > 0 })
        {
            throw Validation("1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null");
        }

        var keyArn = KmsKeyRing.KeyArnOf(request.CiphertextBlob)
            ?? throw new AwsErrorException("InvalidCiphertextException", "The ciphertext is invalid.");
        var key = keys.FindByArn(keyArn);
        if (key is null || key.AccountId != aws.Caller.AccountId || key.Region != aws.Region)
        {
            throw new AwsErrorException("AccessDeniedException",
                "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.");
        }

        if (request.KeyId is not null && RequireKey(keys, aws, request.KeyId).Arn != key.Arn)
        {
            throw new AwsErrorException("IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.");
        }

        if (!key.Enabled)
        {
            throw new AwsErrorException("DisabledException", $"{key.Arn} is disabled.");
        }

        var plaintext = KmsKeyRing.Decrypt(key, request.CiphertextBlob, request.EncryptionContext)
            ?? throw new AwsErrorException("InvalidCiphertextException", "The ciphertext or its encryption context is invalid.");
        return new DecryptResponse { KeyId = key.Arn, Plaintext = plaintext, EncryptionAlgorithm = "SYMMETRIC_DEFAULT" };
    }

    private static KmsKey RequireKey(KmsKeyRing keys, AwsRequestContext aws, string? keyId)
    {
        if (string.IsNullOrEmpty(keyId))
        {
            throw Validation("1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
        }

        var key = keys.Find(aws.Caller.AccountId, aws.Region, keyId);
        if (key is null)
        {
            var what = keyId.Contains("alias/", StringComparison.Ordinal)
                ? $"Alias {(keyId.StartsWith("arn:", StringComparison.Ordinal) ? keyId : $"arn:aws:kms:{aws.Region}:{aws.Caller.AccountId}:{keyId}")} is not found."
                : $"Key '{(keyId.StartsWith("arn:", StringComparison.Ordinal) ? keyId : $"arn:aws:kms:{aws.Region}:{aws.Caller.AccountId}:key/{keyId}")}' does not exist";
            throw new AwsErrorException("NotFoundException", what);
        }

        return key.Enabled ? key : throw new AwsErrorException("DisabledException", $"{key.Arn} is disabled.");
    }

    private static AwsErrorException Validation(string message) => new("ValidationException", message);
}
