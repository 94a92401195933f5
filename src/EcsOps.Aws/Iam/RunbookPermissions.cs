using EcsOps.Aws.Config;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Aws.Iam;

/// <summary>What a runbook needs beyond exec: a one-off task (<c>mode: task</c>), and the backups prefix in S3.</summary>
/// <param name="Name">The runbook, for messages.</param>
/// <param name="RunsTasks">True for <c>mode: task</c> (RunTask, StopTask, PassRole, log reading).</param>
/// <param name="UsesBackups">True when it reads or writes the backups prefix (pg_dump to S3, restore).</param>
public sealed record RunbookPermissions(string Name, bool RunsTasks, bool UsesBackups)
{
    /// <summary>
    /// The built-in runbooks against the backups prefix: <c>ecsops db backup</c> (through exec, or a one-off task with
    /// <c>--as-task</c>) and <c>ecsops db restore</c> (through exec only).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, RunbookPermissions> BuiltIn = new Dictionary<string, RunbookPermissions>(StringComparer.Ordinal)
    {
        ["db-backup"] = new("db-backup", RunsTasks: true, UsesBackups: true),
        ["db-restore"] = new("db-restore", RunsTasks: false, UsesBackups: true),
    };

    /// <summary>
    /// A built-in runbook, or one from the <c>runbooks</c> section of the config, read for its <c>mode</c> only
    /// (<c>task</c> or <c>exec</c>, the default) and <c>backups: true</c>.
    /// </summary>
    /// <exception cref="ConfigException">No runbook has that name.</exception>
    public static RunbookPermissions Of(EcsOpsConfig config, string name)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(name);
        if (config.Sections.TryGetValue("runbooks", out var section) && section.Node is YamlMappingNode runbooks
            && runbooks.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: var key } && key == name).Value is { } node)
        {
            var mode = Scalar(node, "mode");
            return new RunbookPermissions(name, mode == "task", Scalar(node, "backups") == "true");
        }

        if (BuiltIn.TryGetValue(name, out var builtIn))
        {
            return builtIn;
        }

        var known = BuiltIn.Keys.Concat(section?.Node is YamlMappingNode mapping
            ? mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "")
            : []).Order(StringComparer.Ordinal);
        throw new ConfigException(config.SourcePath, 0, 0, $"no runbook named '{name}' (known: {string.Join(", ", known)})");
    }

    private static string? Scalar(YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: var k } && k == key).Value is YamlScalarNode { Value: var value }
            ? value
            : null;
}
