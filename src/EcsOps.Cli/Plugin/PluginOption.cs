using System.CommandLine;
using System.CommandLine.Parsing;

namespace EcsOps.Cli.Plugin;

/// <summary>
/// <c>--plugin [PATH]</c>: use AWS's session-manager-plugin instead of ecsops's own session client, from PATH or at PATH.
/// The word after <c>--plugin</c> is taken as its path only when it is one (starts with <c>/</c>, <c>./</c>, <c>../</c>
/// or <c>~/</c>), so <c>--plugin dev-web/web</c> still reads <c>dev-web/web</c> as the selector
/// (<see cref="NormalizeArguments"/> runs before parsing).
/// </summary>
public sealed class PluginOption
{
    public const string Name = "--plugin";

    /// <summary>The value a bare <c>--plugin</c> becomes: look for the plugin on PATH.</summary>
    private const string FromPath = "@PATH";

    public PluginOption() =>
        Option = new Option<string?>(Name)
        {
            Description = "Use AWS's session-manager-plugin (from PATH, or at an explicit /path) instead of ecsops's own session client",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = Parse,
        };

    public Option<string?> Option { get; }

    /// <summary>Null without <c>--plugin</c>; empty for "find it on PATH"; otherwise the path given.</summary>
    public string? Requested(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetResult(Option) is null ? null : parse.GetValue(Option) ?? "";
    }

    /// <summary>The plugin to run (see <see cref="PluginLocator"/>, searching this process's PATH); null without <c>--plugin</c>.</summary>
    public string? Locate(ParseResult parse) =>
        Requested(parse) is { } requested ? PluginLocator.Locate(requested, Environment.GetEnvironmentVariable("PATH")) : null;

    /// <summary>True for a word written as a file path rather than a selector.</summary>
    public static bool LooksLikePath(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.StartsWith('/') || word.StartsWith("./", StringComparison.Ordinal) || word.StartsWith("../", StringComparison.Ordinal)
            || word.StartsWith("~/", StringComparison.Ordinal);
    }

    /// <summary>
    /// Rewrites a bare <c>--plugin</c> that is not followed by a path to <c>--plugin=@PATH</c> (find it on PATH), so the parser does not take the next word, the selector, for the plugin's path. Words after <c>--</c> are
    /// the remote command and stay as they are.
    /// </summary>
    public static string[] NormalizeArguments(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var normalized = (string[])args.Clone();
        for (var i = 0; i < normalized.Length && normalized[i] != "--"; i++)
        {
            if (normalized[i] == Name && (i + 1 == normalized.Length || !LooksLikePath(normalized[i + 1])))
            {
                normalized[i] = $"{Name}={FromPath}";
            }
        }

        return normalized;
    }

    private static string? Parse(ArgumentResult result)
    {
        var word = result.Tokens.Count == 0 || result.Tokens[0].Value == FromPath ? "" : result.Tokens[0].Value;
        return word.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), word[2..])
            : word;
    }
}
