using System.Globalization;
using System.Text;

namespace EcsOps.Bench;

/// <summary>
/// Collects result rows of one benchmark run and writes them as a section of docs/benchmarks.md,
/// replacing the section of the same name from an earlier run and keeping the others.
/// </summary>
internal sealed class BenchmarkReport(string section, string command)
{
    private readonly List<string[]> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(string measurement, double value, string unit, string baseline, double ratio) =>
        _rows.Add([
            measurement,
            value.ToString("0.0", CultureInfo.InvariantCulture) + " " + unit,
            baseline,
            ratio.ToString("G3", CultureInfo.InvariantCulture),
        ]);

    public void Note(string note) => _notes.Add(note);

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {section}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}`  ");
        text.AppendLine(CultureInfo.InvariantCulture, $"Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        text.AppendLine();
        text.AppendLine("| Measurement | Result | Baseline (same run) | Ratio to baseline |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var row in _rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }

        return text.ToString();
    }

    public void WriteTo(string path)
    {
        var rendered = Render();
        Console.WriteLine(rendered);
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nEvery number is measured against a baseline run in the same process, on the same machine, in the same run.\n";
        var sections = SplitSections(existing, out var preamble);
        sections[section] = rendered;
        var output = new StringBuilder(preamble.TrimEnd()).AppendLine().AppendLine();
        foreach (var (_, body) in sections.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.AppendLine(body.TrimEnd()).AppendLine();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, output.ToString());
    }

    private static SortedDictionary<string, string> SplitSections(string markdown, out string preamble)
    {
        var sections = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var parts = markdown.Split("\n## ");
        preamble = parts[0];
        foreach (var part in parts.Skip(1))
        {
            var title = part[..part.IndexOf('\n', StringComparison.Ordinal)].Trim();
            sections[title] = "## " + part;
        }

        return sections;
    }
}
