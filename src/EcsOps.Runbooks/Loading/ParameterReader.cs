using System.Globalization;
using System.Text.RegularExpressions;
using EcsOps.Aws.Config;
using EcsOps.Runbooks.Parameters;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Runbooks.Loading;

/// <summary>Reads one entry of a runbook's <c>parameters:</c> mapping.</summary>
internal static partial class ParameterReader
{
    private static readonly string[] s_keys = ["type", "description", "pattern", "values", "min", "max", "maxLength", "default", "required", "secret"];

    // Patterns come from the config file, values from whoever runs the runbook: no backtracking, and a bound anyway.
    private static readonly TimeSpan s_matchTimeout = TimeSpan.FromSeconds(1);

    public static ParameterDefinition Read(ConfigYaml yaml, YamlScalarNode nameNode, YamlNode node)
    {
        var name = nameNode.Value ?? "";
        if (!ParameterName().IsMatch(name))
        {
            throw yaml.Error(nameNode, $"'{name}' is not a parameter name (a letter, then up to 63 letters, digits, '_' or '-')");
        }

        var what = $"parameter '{name}'";
        var mapping = yaml.Mapping(node, what);
        var definition = new ParameterDefinition { Name = name };
        YamlNode? defaultNode = null, patternNode = null, valuesNode = null, minNode = null, maxNode = null;
        foreach (var (key, _, value) in yaml.Entries(mapping, what, s_keys))
        {
            switch (key)
            {
                case "type":
                    var typeName = yaml.NonEmpty(value, "type");
                    definition = ParameterTypeNames.TryParse(typeName, out var type)
                        ? definition with { Type = type }
                        : throw yaml.Error(value, $"unknown parameter type '{typeName}' (types: {string.Join(", ", ParameterTypeNames.All)})");
                    break;
                case "description":
                    definition = definition with { Description = yaml.Scalar(value, "description") };
                    break;
                case "pattern":
                    patternNode = value;
                    definition = definition with { PatternText = yaml.NonEmpty(value, "pattern"), Pattern = Compile(yaml, value) };
                    break;
                case "values":
                    valuesNode = value;
                    definition = definition with { Values = yaml.StringList(value, "values") };
                    break;
                case "min":
                    minNode = value;
                    definition = definition with { Minimum = Long(yaml, value, "min") };
                    break;
                case "max":
                    maxNode = value;
                    definition = definition with { Maximum = Long(yaml, value, "max") };
                    break;
                case "maxLength":
                    definition = definition with { MaxLength = yaml.Integer(value, "maxLength", 1, ParameterDefinition.DefaultMaxLength) };
                    break;
                case "default":
                    defaultNode = value;
                    definition = definition with { Default = yaml.Scalar(value, "default") };
                    break;
                case "required":
                    definition = definition with { Required = Boolean(yaml, value, "required") };
                    break;
                case "secret":
                    definition = definition with { Secret = Boolean(yaml, value, "secret") };
                    break;
            }
        }

        CheckCombination(yaml, mapping, definition, patternNode, valuesNode, minNode, maxNode);
        if (defaultNode is not null)
        {
            if (definition.Required)
            {
                throw yaml.Error(defaultNode, $"{what} is required, so a default would never be used; drop one of them");
            }

            if (definition.Secret)
            {
                throw yaml.Error(defaultNode, $"{what} is secret and cannot have a default: secrets are never written in ecsops.yaml");
            }

            if (definition.Check(definition.Default!, out var normalized) is { } problem)
            {
                throw yaml.Error(defaultNode, $"the default of {what} is invalid: {problem}");
            }

            definition = definition with { Default = normalized };
        }

        return definition;
    }

    /// <summary>Reads <c>true</c>/<c>false</c> (YAML 1.2 spelling).</summary>
    public static bool Boolean(ConfigYaml yaml, YamlNode node, string what) => yaml.Scalar(node, what) switch
    {
        "true" => true,
        "false" => false,
        var other => throw yaml.Error(node, $"{what} must be true or false, not '{other}'"),
    };

    private static void CheckCombination(
        ConfigYaml yaml, YamlNode mapping, ParameterDefinition definition, YamlNode? pattern, YamlNode? values, YamlNode? min, YamlNode? max)
    {
        var type = ParameterTypeNames.NameOf(definition.Type);
        if (pattern is not null && definition.Type != ParameterType.String)
        {
            throw yaml.Error(pattern, $"pattern applies to string parameters, not {type}");
        }

        if (values is not null && definition.Type != ParameterType.Enum)
        {
            throw yaml.Error(values, $"values apply to enum parameters, not {type}");
        }

        if ((min ?? max) is { } range && definition.Type != ParameterType.Integer)
        {
            throw yaml.Error(range, $"min and max apply to integer parameters, not {type}");
        }

        if (definition.Type == ParameterType.Enum && definition.Values.Count == 0)
        {
            throw yaml.Error(values ?? mapping, $"enum parameter '{definition.Name}' needs values: [a, b, …]");
        }

        if (definition.Values.Distinct(StringComparer.Ordinal).Count() != definition.Values.Count)
        {
            throw yaml.Error(values!, "values must not repeat");
        }

        if (definition.Minimum > definition.Maximum)
        {
            throw yaml.Error(max!, $"max ({definition.Maximum}) is below min ({definition.Minimum})");
        }
    }

    private static Regex Compile(ConfigYaml yaml, YamlNode node)
    {
        var text = yaml.NonEmpty(node, "pattern");
        try
        {
            return new Regex(@"\A(?:" + text + @")\z", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, s_matchTimeout);
        }
        catch (ArgumentException error)
        {
            throw yaml.Error(node, $"pattern '{text}' is not a regular expression: {error.Message}");
        }
        catch (NotSupportedException error)
        {
            throw yaml.Error(node, $"pattern '{text}' uses something patterns here cannot (backreferences, lookarounds): {error.Message}");
        }
    }

    private static long Long(ConfigYaml yaml, YamlNode node, string what)
    {
        var text = yaml.Scalar(node, what);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw yaml.Error(node, $"{what} must be a whole number, not '{text}'");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ParameterName();
}
