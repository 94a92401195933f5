using EcsOps.Aws.Discovery;
using Spectre.Console;

namespace EcsOps.Cli.Rendering;

/// <summary>The table of <c>ecsops ls</c>: one row per container, borderless so that it greps and cuts well.</summary>
public static class ContainerTable
{
    private const int ColumnGap = 2;

    public static Table Build(IReadOnlyList<DiscoveredContainer> containers)
    {
        ArgumentNullException.ThrowIfNull(containers);
        var table = new Table { Border = TableBorder.None, ShowHeaders = true };
        string[] headers = ["ACCOUNT", "REGION", "CLUSTER", "SERVICE", "TASK", "CONTAINER", "STATUS", "EXEC"];
        for (var i = 0; i < headers.Length; i++)
        {
            var gap = i == headers.Length - 1 ? 0 : ColumnGap;
            table.AddColumn(new TableColumn(headers[i]) { NoWrap = true, Padding = new Padding(0, 0, gap, 0) });
        }

        foreach (var container in containers)
        {
            var row = ContainerRow.From(container);
            var exec = ContainerRow.ExecSummary(container);
            table.AddRow(
                Markup.Escape(row.Account),
                Markup.Escape(row.Region),
                Markup.Escape(row.Cluster),
                Markup.Escape(row.Service ?? "-"),
                Markup.Escape(row.TaskId),
                Markup.Escape(row.Container),
                Markup.Escape(row.Status ?? "-"),
                row.ExecReady ? "[green]ready[/]" : $"[yellow]{Markup.Escape(exec)}[/]");
        }

        return table;
    }
}
