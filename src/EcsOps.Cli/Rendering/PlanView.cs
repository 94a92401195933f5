using Spectre.Console;

namespace EcsOps.Cli.Rendering;

/// <summary>A titled list of <c>label  value</c> lines, as the plans of database operations are shown on stderr.</summary>
public sealed class PlanView(string title)
{
    private readonly List<(string Label, string Value)> _lines = [];

    public PlanView Add(string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _lines.Add((label, value));
        }

        return this;
    }

    public void Write(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        var grid = new Grid();
        grid.AddColumn(new GridColumn { NoWrap = true, Padding = new Padding(2, 0, 2, 0) });
        grid.AddColumn(new GridColumn());
        foreach (var (label, value) in _lines)
        {
            grid.AddRow(new Text(label), new Text(value));
        }

        console.Write(grid);
    }
}
