using EcsOps.Runbooks;
using Spectre.Console;

namespace EcsOps.Cli.Rendering;

/// <summary>The table of <c>ecsops runbooks</c>: one row per runbook, borderless.</summary>
public static class RunbookTable
{
    public static Table Build(IReadOnlyList<Runbook> runbooks)
    {
        ArgumentNullException.ThrowIfNull(runbooks);
        var table = new Table { Border = TableBorder.None, ShowHeaders = true };
        string[] headers = ["NAME", "MODE", "TARGET", "PARAMETERS", "DESCRIPTION"];
        for (var i = 0; i < headers.Length; i++)
        {
            table.AddColumn(new TableColumn(headers[i]) { NoWrap = i < 3, Padding = new Padding(0, 0, i == headers.Length - 1 ? 0 : 2, 0) });
        }

        foreach (var runbook in runbooks)
        {
            var row = RunbookRow.From(runbook);
            var mode = row.Approval == "required" ? row.Mode + " (approval)" : row.Mode;
            table.AddRow(
                Markup.Escape(row.Name),
                Markup.Escape(mode),
                Markup.Escape(row.Target ?? "-"),
                Markup.Escape(row.Parameters.Count == 0 ? "-" : string.Join("; ", row.Parameters.Select(p => p.Summary()))),
                Markup.Escape(row.Description ?? ""));
        }

        return table;
    }
}
