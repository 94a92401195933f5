using System.Text.Json.Nodes;
using EcsOps.Protocol.Encryption;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>The client's kms:GenerateDataKey against the sandbox, as a signed raw JSON request.</summary>
public sealed class SandboxKmsDataKeyGenerator(RawAwsClient kms) : IKmsDataKeyGenerator
{
    public int Calls { get; private set; }

    public async Task<KmsDataKey> GenerateDataKeyAsync(
        string keyId, IReadOnlyDictionary<string, string> encryptionContext, int numberOfBytes, CancellationToken cancellationToken)
    {
        Calls++;
        var context = new JsonObject();
        foreach (var (name, value) in encryptionContext)
        {
            context[name] = value;
        }

        var request = new JsonObject { ["KeyId"] = keyId, ["NumberOfBytes"] = numberOfBytes, ["EncryptionContext"] = context };
        var response = await kms.JsonOkAsync("kms", "GenerateDataKey", request.ToJsonString());
        return new KmsDataKey(
            Convert.FromBase64String(response.GetProperty("CiphertextBlob").GetString()!),
            Convert.FromBase64String(response.GetProperty("Plaintext").GetString()!));
    }
}
