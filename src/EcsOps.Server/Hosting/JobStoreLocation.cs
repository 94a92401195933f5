using EcsOps.Aws.Config;
using EcsOps.Aws.Config.Server;
using EcsOps.Server.Jobs.Sql;
using EcsOps.Server.Security;

namespace EcsOps.Server.Hosting;

/// <summary>
/// Picks the job store: PostgreSQL when <c>server.store.postgres</c> is set, else the SQLite file
/// <c>server.store.sqlite</c> (relative to ecsops.yaml), else <c>$XDG_STATE_HOME/ecsops/server.db</c>
/// (<c>~/.local/state/ecsops/server.db</c>).
/// </summary>
internal static class JobStoreLocation
{
    public const string DefaultFileName = "server.db";

    public static SqlJobStore Open(ServerConfig server, ServerSecrets secrets, EcsOpsConfig config, IEnvironmentVariables environment)
    {
        if (secrets.PostgresConnectionString is { } connectionString)
        {
            return SqlJobStore.Postgres(connectionString);
        }

        if (server.Store.SqlitePath is { } path)
        {
            var baseDirectory = config.SourcePath is { } file ? Path.GetDirectoryName(Path.GetFullPath(file))! : Environment.CurrentDirectory;
            return SqlJobStore.Sqlite(Path.GetFullPath(path, baseDirectory));
        }

        var stateHome = environment.GetNonEmpty("XDG_STATE_HOME")
            ?? (environment.HomeDirectory() is { } home ? Path.Combine(home, ".local", "state") : null)
            ?? throw new ConfigException(config.SourcePath, 0, 0, "server.store: no HOME or XDG_STATE_HOME to keep the job database in; set server.store.sqlite");
        return SqlJobStore.Sqlite(Path.Combine(stateHome, "ecsops", DefaultFileName));
    }
}
