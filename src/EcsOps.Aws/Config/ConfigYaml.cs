using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Aws.Config;

/// <summary>
/// Typed reads from the YAML node tree of one config file; every failure becomes a <see cref="ConfigException"/>
/// pointing at the offending node.
/// </summary>
public sealed class ConfigYaml(string? path)
{
    public string? Path => path;

    public ConfigException Error(YamlNode node, string problem) =>
        new(path, (int)node.Start.Line, (int)node.Start.Column, problem);

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping (key: value lines)");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

    public string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"{what} must be a single value");

    public string NonEmpty(YamlNode node, string what)
    {
        var value = Scalar(node, what).Trim();
        return value.Length > 0 ? value : throw Error(node, $"{what} must not be empty");
    }

    public int Integer(YamlNode node, string what, int minimum, int maximum)
    {
        var text = Scalar(node, what);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw Error(node, $"{what} must be a whole number from {minimum} to {maximum}, not '{text}'");
    }

    public TimeSpan Duration(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        return ConfigDuration.TryParse(text, out var duration)
            ? duration
            : throw Error(node, $"{what} must be a duration such as 30s, 5m or 1h, not '{text}'");
    }

    /// <summary>A list of values; a single value is accepted as a list of one.</summary>
    public IReadOnlyList<string> StringList(YamlNode node, string what) => node switch
    {
        YamlScalarNode => [NonEmpty(node, what)],
        YamlSequenceNode sequence => sequence.Children.Select(child => NonEmpty(child, what + " entry")).ToList(),
        _ => throw Error(node, $"{what} must be a list of values"),
    };

    /// <summary>The entries of a mapping with scalar keys; a key outside <paramref name="allowed"/> is an error.</summary>
    public IEnumerable<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Entries(
        YamlMappingNode mapping, string what, IReadOnlyCollection<string>? allowed)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                throw Error(keyNode, $"keys in {what} must be plain names");
            }

            if (allowed is not null && !allowed.Contains(key))
            {
                throw Error(keyNode, $"unknown key '{key}' in {what} (expected one of: {string.Join(", ", allowed)})");
            }

            yield return (key, scalarKey, value);
        }
    }

    public static bool TryGet(YamlMappingNode mapping, string key, [NotNullWhen(true)] out YamlNode? value)
    {
        value = mapping.Children.FirstOrDefault(entry => entry.Key is YamlScalarNode { Value: var k } && k == key).Value;
        return value is not null;
    }
}
