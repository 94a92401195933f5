using System.Text.Json.Serialization;

namespace EcsOps.Server.Jobs.Sql;

/// <summary>JSON columns of the store: parameters (an object of strings) and approvers (a list).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
