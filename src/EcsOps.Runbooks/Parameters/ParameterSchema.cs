namespace EcsOps.Runbooks.Parameters;

/// <summary>
/// The parameters a runbook declares. <see cref="Validate"/> turns the values a caller gave into the values of a run,
/// before anything starts: unknown names, missing required values and values of the wrong type or shape are refused,
/// all problems in one line.
/// </summary>
public sealed class ParameterSchema
{
    public ParameterSchema(IReadOnlyList<ParameterDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        Definitions = definitions;
    }

    /// <summary>A runbook without parameters.</summary>
    public static ParameterSchema Empty { get; } = new([]);

    public IReadOnlyList<ParameterDefinition> Definitions { get; }

    public ParameterDefinition? Find(string name) => Definitions.FirstOrDefault(d => d.Name == name);

    /// <summary>The values of a run: each given value checked against its definition, defaults for the rest.</summary>
    /// <param name="given">Values by parameter name, as text.</param>
    /// <param name="runbook">The runbook's name, for messages.</param>
    /// <exception cref="RunbookUsageException">Unknown parameters, missing required ones, or invalid values.</exception>
    public ParameterValues Validate(IReadOnlyDictionary<string, string> given, string runbook)
    {
        ArgumentNullException.ThrowIfNull(given);
        var unknown = given.Keys.Where(name => Find(name) is null).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var known = Definitions.Count == 0 ? "it takes no parameters" : "it takes: " + string.Join(", ", Definitions.Select(d => d.Name));
            throw new RunbookUsageException(
                RunbookUsageKind.UnknownParameter,
                $"runbook {runbook} has no parameter{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(n => "'" + n + "'"))} ({known})");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        var invalid = new List<string>();
        foreach (var definition in Definitions)
        {
            if (given.TryGetValue(definition.Name, out var value))
            {
                if (definition.Check(value, out var normalized) is { } problem)
                {
                    invalid.Add($"parameter '{definition.Name}' ({ParameterTypeNames.NameOf(definition.Type)}): {problem}");
                }
                else
                {
                    values[definition.Name] = normalized;
                }
            }
            else if (definition.Required)
            {
                missing.Add(definition.Name);
            }
            else
            {
                values[definition.Name] = definition.Default ?? "";
            }
        }

        if (missing.Count > 0)
        {
            var message = $"runbook {runbook} needs {string.Join(", ", missing.Select(n => n + "=…"))}";
            throw new RunbookUsageException(RunbookUsageKind.MissingParameter, invalid.Count > 0 ? message + "; " + string.Join("; ", invalid) : message);
        }

        if (invalid.Count > 0)
        {
            throw new RunbookUsageException(RunbookUsageKind.InvalidValue, $"runbook {runbook}: {string.Join("; ", invalid)}");
        }

        return new ParameterValues(values, Definitions.Where(d => d.Secret).Select(d => d.Name).ToHashSet(StringComparer.Ordinal));
    }
}
