using System.Globalization;
using EcsOps.Aws.Artifacts;
using EcsOps.Runbooks.Postgres;
using Spectre.Console;

namespace EcsOps.Cli.Rendering;

/// <summary>The table of <c>ecsops db backups</c>: one row per dump, newest first, borderless like <c>ls</c>.</summary>
public static class BackupTable
{
    private const int ColumnGap = 2;
    private const int ShownHashLength = 16;

    public static Table Build(S3Url folder, IReadOnlyList<BackupDescription> backups)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(backups);
        var table = new Table { Border = TableBorder.None, ShowHeaders = true };
        string[] headers = ["CREATED (UTC)", "SERVICE", "SIZE", "DATABASE", "SHA256", "COMMENT", "KEY"];
        for (var i = 0; i < headers.Length; i++)
        {
            table.AddColumn(new TableColumn(headers[i]) { NoWrap = i != 5, Padding = new Padding(0, 0, i == headers.Length - 1 ? 0 : ColumnGap, 0) });
        }

        foreach (var backup in backups)
        {
            var key = backup.Location.Key.StartsWith(folder.FolderPrefix, StringComparison.Ordinal)
                ? backup.Location.Key[folder.FolderPrefix.Length..]
                : backup.Location.Key;
            table.AddRow(
                backup.CreatedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(backup.Service ?? "-"),
                ByteSize.Format(backup.Size),
                Markup.Escape(backup.Database ?? "-"),
                backup.Sha256 is { } sha ? sha[..ShownHashLength] : "[yellow]incomplete[/]",
                Markup.Escape(backup.Comment ?? ""),
                Markup.Escape(key));
        }

        return table;
    }
}
