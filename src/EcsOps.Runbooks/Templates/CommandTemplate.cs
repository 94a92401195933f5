namespace EcsOps.Runbooks.Templates;

/// <summary>
/// A command as an argv of <see cref="TextTemplate"/>s. Rendering fills each element on its own, so a value lands
/// inside the element that names it and can never add, remove or split elements.
/// </summary>
public sealed class CommandTemplate
{
    public CommandTemplate(IReadOnlyList<TextTemplate> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
        {
            throw new ArgumentException("a command needs at least one element", nameof(arguments));
        }

        Arguments = arguments;
        Placeholders = arguments.SelectMany(a => a.Placeholders).Distinct(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<TextTemplate> Arguments { get; }

    /// <summary>The parameter names used anywhere in the command.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    public static CommandTemplate Parse(IEnumerable<string> arguments) => new(arguments.Select(TextTemplate.Parse).ToList());
}
