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

    /// <summary>One line per item, labels padded to one column; values are never wrapped (a terminal wraps them itself).</summary>
    public void Write(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        var width = _lines.Count == 0 ? 0 : _lines.Max(l => l.Label.Length);
        foreach (var (label, value) in _lines)
        {
            console.Profile.Out.Writer.WriteLine($"  {label.PadRight(width)}  {value}");
        }
    }
}
