using System.CommandLine;
using EcsOps.Cli.Hosting;

namespace EcsOps.Cli.Commands;

/// <summary><c>ecsops db</c>: the built-in PostgreSQL runbooks (backup to S3, restore, list backups).</summary>
public static class DbCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("db", "PostgreSQL backups to S3 and restores, with the tools and connection of a running container")
        {
            DbBackupCommand.Create(context),
            DbRestoreCommand.Create(context),
            DbBackupsCommand.Create(context),
        };
    }
}
