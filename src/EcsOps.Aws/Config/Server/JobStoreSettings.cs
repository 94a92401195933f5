namespace EcsOps.Aws.Config.Server;

/// <summary>
/// The <c>server.store</c> section: a SQLite file (one replica; the default) or a PostgreSQL database whose
/// connection string is a secret reference (several replicas share one queue).
/// </summary>
public sealed record JobStoreSettings
{
    /// <summary>The SQLite file; the default location under the state directory when null (and no PostgreSQL).</summary>
    public string? SqlitePath { get; init; }

    /// <summary>An Npgsql connection string, by reference.</summary>
    public SecretReference? PostgresConnectionString { get; init; }
}
