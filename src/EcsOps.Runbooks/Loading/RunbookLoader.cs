using EcsOps.Aws.Config;
using EcsOps.Aws.S3;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Runbooks.Loading;

/// <summary>
/// Reads the <c>runbooks:</c> section of ecsops.yaml into a <see cref="RunbookCatalog"/>. The section is a mapping of
/// settings (<c>staging</c>, <c>locks</c>, <c>include</c>) and runbooks by name; each included file is a mapping of
/// runbooks by name. Every problem is a <see cref="ConfigException"/> naming the file, line and column.
/// </summary>
public static class RunbookLoader
{
    /// <summary>The keys of <c>runbooks:</c> that are settings; no runbook can have these names.</summary>
    public static readonly IReadOnlyList<string> SettingKeys = ["staging", "locks", "include"];

    /// <summary>The catalog of a loaded configuration; empty when it has no <c>runbooks:</c> section.</summary>
    /// <param name="baseDirectory">Where relative includes start when the config did not come from a file.</param>
    /// <exception cref="ConfigException">The section, or an included file, is invalid.</exception>
    public static RunbookCatalog Load(EcsOpsConfig config, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Sections.TryGetValue("runbooks", out var section))
        {
            return RunbookCatalog.Empty;
        }

        var yaml = new ConfigYaml(section.SourcePath);
        var mapping = yaml.Mapping(section.Node, "runbooks");
        var settings = ReadSettings(yaml, mapping);
        var runbooks = new List<Runbook>();
        foreach (var (key, keyNode, value) in yaml.Entries(mapping, "runbooks", allowed: null))
        {
            if (!SettingKeys.Contains(key))
            {
                Add(runbooks, yaml, keyNode, RunbookReader.Read(yaml, keyNode, value, settings));
            }
        }

        if (ConfigYaml.TryGet(mapping, "include", out var include))
        {
            var directory = section.SourcePath is { } path ? Path.GetDirectoryName(Path.GetFullPath(path))! : baseDirectory ?? Environment.CurrentDirectory;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var entries = include is YamlSequenceNode sequence ? sequence.Children.ToList() : [include];
            foreach (var entry in entries)
            {
                foreach (var file in IncludePaths.Expand(yaml, entry, yaml.NonEmpty(entry, "include entry"), directory))
                {
                    if (seen.Add(file))
                    {
                        ReadIncluded(file, settings, runbooks);
                    }
                }
            }
        }

        return new RunbookCatalog(runbooks, settings);
    }

    private static RunbookSettings ReadSettings(ConfigYaml yaml, YamlMappingNode mapping) => new()
    {
        Staging = ConfigYaml.TryGet(mapping, "staging", out var staging) ? Prefix(yaml, staging, "staging") : null,
        Locks = ConfigYaml.TryGet(mapping, "locks", out var locks) ? Prefix(yaml, locks, "locks") : null,
    };

    private static S3Prefix Prefix(ConfigYaml yaml, YamlNode node, string what) =>
        S3Prefix.TryParse(yaml.NonEmpty(node, what), out var prefix, out var problem) ? prefix : throw yaml.Error(node, $"runbooks.{what}: {problem}");

    private static void ReadIncluded(string file, RunbookSettings settings, List<Runbook> runbooks)
    {
        var yaml = new ConfigYaml(file);
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(file, 0, 0, "cannot read the file: " + error.Message, error);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            throw new ConfigException(file, (int)error.Start.Line, (int)error.Start.Column, "invalid YAML: " + error.Message.Split('\n')[0].Trim(), error);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return;
        }

        var mapping = yaml.Mapping(stream.Documents[0].RootNode, "an included runbooks file (runbooks by name)");
        foreach (var (key, keyNode, value) in yaml.Entries(mapping, "an included runbooks file", allowed: null))
        {
            if (SettingKeys.Contains(key))
            {
                throw yaml.Error(keyNode, $"'{key}' is a setting of runbooks: in ecsops.yaml; an included file holds runbooks only");
            }

            Add(runbooks, yaml, keyNode, RunbookReader.Read(yaml, keyNode, value, settings));
        }
    }

    private static void Add(List<Runbook> runbooks, ConfigYaml yaml, YamlNode keyNode, Runbook runbook)
    {
        if (runbooks.FirstOrDefault(r => r.Name == runbook.Name) is { } earlier)
        {
            throw yaml.Error(keyNode, $"runbook '{runbook.Name}' is declared twice (first at {earlier.Source})");
        }

        runbooks.Add(runbook);
    }
}
