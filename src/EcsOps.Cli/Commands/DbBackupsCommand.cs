using System.CommandLine;
using System.Text.Json;
using EcsOps.Cli.Database;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;
using EcsOps.Runbooks.Postgres;
using Spectre.Console;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops db backups s3://bucket/prefix [--output table|json]</c>: the dumps under a prefix, newest first, with
/// time, size, comment, database and SHA-256 (from the manifests; a dump without one is marked incomplete). Uses
/// the operator's own credentials.
/// </summary>
public static class DbBackupsCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = new Argument<string>("location") { Description = "The S3 folder, s3://bucket/prefix" };
        var output = OutputOption.Create("table");
        var backups = new EcsOpsCommand("backups", "List the database dumps under an S3 prefix");
        backups.Arguments.Add(folder);
        backups.Options.Add(output);
        backups.SetAction(async (parse, cancellationToken) =>
        {
            var location = S3UrlArgument.Parse("location", parse.GetValue(folder)!);
            using var workspace = WorkspaceFactory.Create(parse, context);
            using var store = new PostgresRunbooks(workspace).OpenOwnStore();
            var found = await PostgresRunbooks.Catalog(store).ListAsync(location, cancellationToken);
            if (parse.GetValue(output) == "json")
            {
                var rows = found.Select(BackupRow.From).ToList();
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize<IReadOnlyList<BackupRow>>(rows, BackupJsonContext.Default.IReadOnlyListBackupRow));
                return ExitCodes.Ok;
            }

            if (found.Count == 0)
            {
                context.Diagnostics.MarkupLine($"no backups under {Markup.Escape(location.ToString())}");
                return ExitCodes.Ok;
            }

            context.Console.Write(BackupTable.Build(location, found));
            return ExitCodes.Ok;
        });
        return backups;
    }
}
