using EcsOps.Runbooks.Parameters;

namespace EcsOps.Cli.Rendering;

/// <summary>One parameter of a runbook in <c>ecsops runbooks --output json</c>.</summary>
public sealed record RunbookParameterRow(
    string Name,
    string Type,
    string? Description,
    bool Required,
    bool Secret,
    string? Default,
    string? Pattern,
    IReadOnlyList<string>? Values,
    long? Min,
    long? Max)
{
    public static RunbookParameterRow From(ParameterDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new RunbookParameterRow(
            definition.Name,
            ParameterTypeNames.NameOf(definition.Type),
            definition.Description,
            definition.Required,
            definition.Secret,
            definition.Default,
            definition.PatternText,
            definition.Values.Count > 0 ? definition.Values : null,
            definition.Minimum,
            definition.Maximum);
    }

    /// <summary>The parameter in one short phrase for the table: <c>database: string, required</c>.</summary>
    public string Summary()
    {
        var facts = new List<string> { Type };
        if (Required)
        {
            facts.Add("required");
        }

        if (Default is { } value)
        {
            facts.Add($"default {(value.Length == 0 ? "''" : value)}");
        }

        if (Secret)
        {
            facts.Add("secret");
        }

        return $"{Name}: {string.Join(", ", facts)}";
    }
}
