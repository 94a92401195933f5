using System.Text.Json.Serialization;

namespace EcsOps.Aws.Kms.Model;

/// <summary>
/// Source-generated JSON for the KMS wire models: PascalCase names as declared, blobs as base64, nulls omitted
/// (AWS JSON 1.1, target prefix <c>TrentService</c>).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GenerateDataKeyRequest))]
[JsonSerializable(typeof(GenerateDataKeyResponse))]
[JsonSerializable(typeof(DecryptRequest))]
[JsonSerializable(typeof(DecryptResponse))]
public sealed partial class KmsJsonContext : JsonSerializerContext;
