using System.Text;
using System.Text.RegularExpressions;

namespace EcsOps.Runbooks.Templates;

/// <summary>
/// A string with <c>{{name}}</c> placeholders (spaces inside the braces allowed). Only a parameter-like name
/// (<c>[A-Za-z][A-Za-z0-9_-]*</c>) between the braces makes a placeholder; anything else, such as Go templates'
/// <c>{{.Name}}</c>, stays literal text. Rendering is a single pass over the parsed pieces: a value is inserted as
/// it is and never read again, so <c>{{other}}</c> inside a value stays literal.
/// </summary>
public sealed partial class TextTemplate
{
    private TextTemplate(string text, IReadOnlyList<TemplateSegment> segments)
    {
        Text = text;
        Segments = segments;
        Placeholders = segments.Where(s => s.IsPlaceholder).Select(s => s.Text).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    public IReadOnlyList<TemplateSegment> Segments { get; }

    /// <summary>The parameter names it uses, each once, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    public static TextTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<TemplateSegment>();
        var at = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            if (match.Index > at)
            {
                segments.Add(new TemplateSegment(text[at..match.Index], IsPlaceholder: false));
            }

            segments.Add(new TemplateSegment(match.Groups["name"].Value, IsPlaceholder: true));
            at = match.Index + match.Length;
        }

        if (at < text.Length)
        {
            segments.Add(new TemplateSegment(text[at..], IsPlaceholder: false));
        }

        return new TextTemplate(text, segments);
    }

    /// <summary>The text with each placeholder replaced by <paramref name="valueOf"/>(name), verbatim.</summary>
    public string Render(Func<string, string> valueOf)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        var rendered = new StringBuilder();
        foreach (var segment in Segments)
        {
            rendered.Append(segment.IsPlaceholder ? valueOf(segment.Text) : segment.Text);
        }

        return rendered.ToString();
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z][A-Za-z0-9_-]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
