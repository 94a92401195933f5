using System.Text.RegularExpressions;
using EcsOps.Aws.Config;
using EcsOps.Aws.Discovery;
using EcsOps.Runbooks.Parameters;
using EcsOps.Runbooks.Templates;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Runbooks.Loading;

/// <summary>Reads one runbook (a named mapping under <c>runbooks:</c> or in an included file) and checks it whole.</summary>
internal static partial class RunbookReader
{
    /// <summary>The longest timeout a runbook may declare.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(7);

    private static readonly string[] s_keys =
        ["description", "target", "mode", "container", "parameters", "command", "timeout", "approval", "lock", "idempotent"];

    public static Runbook Read(ConfigYaml yaml, YamlScalarNode nameNode, YamlNode node, RunbookSettings settings)
    {
        var name = nameNode.Value ?? "";
        if (!RunbookName().IsMatch(name))
        {
            throw yaml.Error(nameNode, $"'{name}' is not a runbook name (a letter or digit, then up to 63 letters, digits, '.', '_' or '-')");
        }

        var what = $"runbook '{name}'";
        var mapping = yaml.Mapping(node, what);
        var runbook = new Runbook
        {
            Name = name,
            Parameters = ParameterSchema.Empty,
            Command = CommandTemplate.Parse(["true"]),
            Source = new RunbookSource(yaml.Path, (int)nameNode.Start.Line, (int)nameNode.Start.Column),
        };
        YamlSequenceNode? commandNode = null;
        YamlNode? lockNode = null;
        foreach (var (key, _, value) in yaml.Entries(mapping, what, s_keys))
        {
            switch (key)
            {
                case "description":
                    runbook = runbook with { Description = yaml.Scalar(value, "description") };
                    break;
                case "target":
                    runbook = runbook with { Target = Target(yaml, value) };
                    break;
                case "mode":
                    runbook = runbook with
                    {
                        Mode = Choice(yaml, value, "mode must be exec (in a running container) or task (a one-off task)", ("exec", RunbookMode.Exec), ("task", RunbookMode.Task)),
                    };
                    break;
                case "container":
                    runbook = runbook with { Container = yaml.NonEmpty(value, "container") };
                    break;
                case "parameters":
                    runbook = runbook with { Parameters = Parameters(yaml, value, what) };
                    break;
                case "command":
                    commandNode = yaml.Sequence(value, "command (the argv, e.g. [pg_dump, --dbname, '{{database}}'])");
                    break;
                case "timeout":
                    var timeout = yaml.Duration(value, "timeout");
                    runbook = timeout > TimeSpan.Zero && timeout <= MaxTimeout
                        ? runbook with { Timeout = timeout }
                        : throw yaml.Error(value, $"timeout must be more than 0 and at most {MaxTimeout.TotalDays:0} days");
                    break;
                case "approval":
                    runbook = runbook with
                    {
                        Approval = Choice(yaml, value, "approval must be required or none", ("required", RunbookApproval.Required), ("none", RunbookApproval.None)),
                    };
                    break;
                case "lock":
                    lockNode = value;
                    runbook = runbook with { Lock = Lock(yaml, value) };
                    break;
                case "idempotent":
                    runbook = runbook with { Idempotent = ParameterReader.Boolean(yaml, value, "idempotent") };
                    break;
            }
        }

        if (commandNode is null)
        {
            throw yaml.Error(mapping, $"{what} needs a command (the argv, e.g. [pg_dump, --dbname, '{{{{database}}}}'])");
        }

        runbook = runbook with { Command = Command(yaml, commandNode, runbook) };
        if (runbook.Lock is { } scope)
        {
            CheckPlaceholders(yaml, lockNode!, scope, runbook, "lock");
            if (settings.Locks is null)
            {
                throw yaml.Error(lockNode!, $"{what} declares a lock, but runbooks.locks (s3://bucket/prefix, where locks live) is not set");
            }
        }

        return runbook;
    }

    /// <summary>One of a few fixed words; anything else is an error saying <paramref name="rule"/>.</summary>
    private static T Choice<T>(ConfigYaml yaml, YamlNode node, string rule, params (string Word, T Value)[] choices)
    {
        var word = yaml.Scalar(node, "value");
        foreach (var (known, value) in choices)
        {
            if (known == word)
            {
                return value;
            }
        }

        throw yaml.Error(node, $"{rule}, not '{word}'");
    }

    private static string Target(ConfigYaml yaml, YamlNode node)
    {
        var text = yaml.NonEmpty(node, "target");
        if (!text.StartsWith('@') && !TargetSelector.TryParse(text, out _, out var problem))
        {
            throw yaml.Error(node, $"target '{text}': {problem}");
        }

        return text;
    }

    private static ParameterSchema Parameters(ConfigYaml yaml, YamlNode node, string what)
    {
        var definitions = new List<ParameterDefinition>();
        foreach (var (_, keyNode, value) in yaml.Entries(yaml.Mapping(node, "parameters"), $"the parameters of {what}", allowed: null))
        {
            if (definitions.Any(d => d.Name == keyNode.Value))
            {
                throw yaml.Error(keyNode, $"parameter '{keyNode.Value}' is declared twice");
            }

            definitions.Add(ParameterReader.Read(yaml, keyNode, value));
        }

        return new ParameterSchema(definitions);
    }

    private static CommandTemplate Command(ConfigYaml yaml, YamlSequenceNode node, Runbook runbook)
    {
        if (node.Children.Count == 0)
        {
            throw yaml.Error(node, "command must name at least the program to run");
        }

        var arguments = node.Children.Select(child => TextTemplate.Parse(yaml.Scalar(child, "each command element"))).ToList();
        if (arguments[0].Text.Length == 0)
        {
            throw yaml.Error(node.Children[0], "the program (the first command element) must not be empty");
        }

        var command = new CommandTemplate(arguments);
        for (var i = 0; i < arguments.Count; i++)
        {
            CheckPlaceholders(yaml, node.Children[i], arguments[i], runbook, "command");
        }

        var unsafeAt = CommandSafety.FindPlaceholderInCode(command);
        if (unsafeAt >= 0)
        {
            throw yaml.Error(node.Children[unsafeAt],
                "a placeholder inside inline program text (sh -c, python3 -c, perl -e, …) would be parsed as code; "
                + "pass the value as an argument instead, e.g. [sh, -c, 'pg_dump \"$1\"', sh, '{{database}}']");
        }

        return command;
    }

    private static TextTemplate Lock(ConfigYaml yaml, YamlNode node)
    {
        var scope = node is YamlMappingNode mapping
            ? ConfigYaml.TryGet(mapping, "scope", out var scopeNode) && mapping.Children.Count == 1
                ? yaml.NonEmpty(scopeNode, "lock scope")
                : throw yaml.Error(node, "lock must be a scope (lock: db:{{database}}) or a mapping with only scope:")
            : yaml.NonEmpty(node, "lock");
        return TextTemplate.Parse(scope);
    }

    private static void CheckPlaceholders(ConfigYaml yaml, YamlNode node, TextTemplate template, Runbook runbook, string where)
    {
        foreach (var name in template.Placeholders)
        {
            if (runbook.Parameters.Find(name) is null)
            {
                var declared = runbook.Parameters.Definitions.Count == 0
                    ? "it declares no parameters"
                    : "parameters: " + string.Join(", ", runbook.Parameters.Definitions.Select(d => d.Name));
                throw yaml.Error(node, $"{where} uses {{{{{name}}}}}, which is not a parameter of runbook '{runbook.Name}' ({declared})");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex RunbookName();
}
