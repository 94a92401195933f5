using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Sandbox.World;

/// <summary>
/// Reads one class of the world file from a YAML mapping without reflection (so the sandbox runs in a NativeAOT
/// ecsops): a table of keys, each with the setter that stores its value. A key not in the table is an error naming the
/// keys that are, at the line it is on.
/// </summary>
/// <typeparam name="T">The definition class the mapping fills.</typeparam>
internal sealed class YamlObjectMap<T>(string what, Func<T> create)
{
    private readonly Dictionary<string, Action<T, YamlNode, string>> _keys = new(StringComparer.Ordinal);

    public YamlObjectMap<T> Text(string key, Action<T, string> set) =>
        Add(key, (target, node, source) => set(target, ScalarOf(node, source, key) ?? ""));

    public YamlObjectMap<T> OptionalText(string key, Action<T, string?> set) =>
        Add(key, (target, node, source) => set(target, ScalarOf(node, source, key)));

    public YamlObjectMap<T> Integer(string key, Action<T, int> set) =>
        Add(key, (target, node, source) =>
        {
            var text = ScalarOf(node, source, key);
            set(target, int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error(node, source, $"{key} must be a whole number, not '{text}'"));
        });

    public YamlObjectMap<T> Boolean(string key, Action<T, bool> set) =>
        Add(key, (target, node, source) => set(target, BooleanOf(node, source, key)));

    public YamlObjectMap<T> OptionalBoolean(string key, Action<T, bool?> set) =>
        Add(key, (target, node, source) => set(target, ScalarOf(node, source, key) is null ? null : BooleanOf(node, source, key)));

    public YamlObjectMap<T> TextList(string key, Action<T, List<string>> set) =>
        Add(key, (target, node, source) => set(target, SequenceOf(node, source, key).Select(item => ScalarOf(item, source, key) ?? "").ToList()));

    public YamlObjectMap<T> TextMap(string key, Action<T, Dictionary<string, string>> set) =>
        Add(key, (target, node, source) =>
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in MappingOf(node, source, key).Children)
            {
                map[ScalarOf(name, source, key) ?? ""] = ScalarOf(value, source, key) ?? "";
            }

            set(target, map);
        });

    public YamlObjectMap<T> Object<TChild>(string key, YamlObjectMap<TChild> map, Action<T, TChild> set) =>
        Add(key, (target, node, source) => set(target, map.Read(node, source)));

    public YamlObjectMap<T> ObjectList<TChild>(string key, YamlObjectMap<TChild> map, Action<T, List<TChild>> set) =>
        Add(key, (target, node, source) => set(target, SequenceOf(node, source, key).Select(item => map.Read(item, source)).ToList()));

    /// <summary>A new <typeparamref name="T"/> with the mapping's values; absent keys keep the class's defaults.</summary>
    /// <exception cref="WorldException">Not a mapping, an unknown key, or a value of the wrong shape.</exception>
    public T Read(YamlNode node, string source)
    {
        var target = create();
        if (IsNull(node))
        {
            return target;
        }

        foreach (var (keyNode, value) in MappingOf(node, source, what).Children)
        {
            var key = ScalarOf(keyNode, source, what) ?? "";
            if (!_keys.TryGetValue(key, out var set))
            {
                throw Error(keyNode, source, $"unknown key '{key}' in {what} (expected one of: {string.Join(", ", _keys.Keys)})");
            }

            if (!IsNull(value))
            {
                set(target, value, source);
            }
        }

        return target;
    }

    private YamlObjectMap<T> Add(string key, Action<T, YamlNode, string> set)
    {
        _keys.Add(key, set);
        return this;
    }

    private static bool BooleanOf(YamlNode node, string source, string key) =>
        ScalarOf(node, source, key)?.ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            var other => throw Error(node, source, $"{key} must be true or false, not '{other}'"),
        };

    private static string? ScalarOf(YamlNode node, string source, string key) => node switch
    {
        _ when IsNull(node) => null,
        YamlScalarNode scalar => scalar.Value,
        _ => throw Error(node, source, $"{key} must be a single value"),
    };

    private static IEnumerable<YamlNode> SequenceOf(YamlNode node, string source, string key) =>
        node as YamlSequenceNode is { } sequence ? sequence.Children : throw Error(node, source, $"{key} must be a list");

    private static YamlMappingNode MappingOf(YamlNode node, string source, string key) =>
        node as YamlMappingNode ?? throw Error(node, source, $"{key} must be a mapping (key: value)");

    // A plain ~, null or empty value is YAML's null; quoted, it is the text.
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static WorldException Error(YamlNode node, string source, string problem) =>
        new($"{source}: line {node.Start.Line}, column {node.Start.Column}: {problem}");
}
