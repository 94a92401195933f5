using System.Text.Json.Serialization;
using EcsOps.Aws.Json;

namespace EcsOps.Aws.Organizations.Model;

/// <summary>
/// Source-generated JSON for the Organizations wire models: PascalCase as declared, timestamps as epoch seconds,
/// nulls omitted (AWS JSON 1.1, target prefix <c>AWSOrganizationsV20161128</c>).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    IgnoreReadOnlyProperties = true,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(ListAccountsRequest))]
[JsonSerializable(typeof(ListAccountsResponse))]
public sealed partial class OrganizationsJsonContext : JsonSerializerContext;
