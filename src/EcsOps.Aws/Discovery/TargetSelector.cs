using System.Text.RegularExpressions;

namespace EcsOps.Aws.Discovery;

/// <summary>
/// Which running containers a command means: a glob per level (account, region, cluster, service, task,
/// container), null meaning "any". Written as <c>[account/][region/]cluster[/service][/container]</c>:
/// <list type="bullet">
/// <item>1 to 3 parts are <c>cluster[/service][/container]</c>;</item>
/// <item>a part that looks like a region (<c>eu-west-1</c>, <c>eu-*</c>, <c>us-?ast-1</c>) is the region, and the
/// part before it, if any, the account (id or name);</item>
/// <item>4 parts without a region-looking first part are <c>account/region/cluster/service</c>; 5 parts are all five.</item>
/// </list>
/// So an account can only be given positionally together with a region; use <c>*</c> for "any region" in 4 or 5
/// part selectors, or <c>--account</c>.
/// </summary>
public sealed partial record TargetSelector
{
    /// <summary>Longest selector text accepted.</summary>
    public const int MaxLength = 1024;

    /// <summary>Everything.</summary>
    public static readonly TargetSelector Any = new();

    /// <summary>Matches the account id or the account name.</summary>
    public GlobPattern? Account { get; init; }

    public GlobPattern? Region { get; init; }
    public GlobPattern? Cluster { get; init; }
    public GlobPattern? Service { get; init; }

    /// <summary>Matches the task id (the last part of the task ARN).</summary>
    public GlobPattern? Task { get; init; }

    public GlobPattern? Container { get; init; }

    /// <summary>Parses selector text.</summary>
    /// <exception cref="TargetSelectorException">The text is not a selector; nothing else is thrown.</exception>
    public static TargetSelector Parse(string text)
    {
        if (text is null)
        {
            throw new TargetSelectorException("a target selector is required");
        }

        if (text.Length > MaxLength)
        {
            throw new TargetSelectorException($"a target selector has at most {MaxLength} characters");
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new TargetSelectorException("the target selector is empty");
        }

        var parts = trimmed.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            CheckPart(parts[i], trimmed);
        }

        return parts.Length switch
        {
            > 5 => throw new TargetSelectorException(
                $"'{trimmed}' has {parts.Length} parts; a selector is [account/][region/]cluster[/service][/container]"),
            _ when LooksLikeRegion(parts[0]) => parts.Length > 4
                ? throw new TargetSelectorException($"'{trimmed}': after the region come at most cluster/service/container")
                : FromParts(null, parts[0], parts.AsSpan(1)),
            >= 4 => FromParts(parts[0], RequireRegionPart(parts[1], trimmed), parts.AsSpan(2)),
            >= 2 when LooksLikeRegion(parts[1]) => FromParts(parts[0], parts[1], parts.AsSpan(2)),
            _ => FromParts(null, null, parts),
        };
    }

    // With 4 or 5 parts the second is the region; "*" stands for any region.
    private static string RequireRegionPart(string part, string whole) =>
        LooksLikeRegion(part) || GlobPattern.Of(part).MatchesEverything
            ? part
            : throw new TargetSelectorException(
                $"'{whole}': with 4 or 5 parts the second is the region, and '{part}' is not one (write * for any region, or use --account)");

    /// <summary>Parses selector text; false with the reason instead of throwing.</summary>
    public static bool TryParse(string text, out TargetSelector? selector, out string? error)
    {
        try
        {
            selector = Parse(text);
            error = null;
            return true;
        }
        catch (TargetSelectorException exception)
        {
            selector = null;
            error = exception.Message;
            return false;
        }
    }

    /// <summary>This selector with every flag that is set replacing the corresponding part.</summary>
    /// <exception cref="TargetSelectorException">A flag is empty or malformed.</exception>
    public TargetSelector With(TargetFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return this with
        {
            Account = FlagPattern(flags.Account, "--account") ?? Account,
            Region = FlagPattern(flags.Region, "--region") ?? Region,
            Cluster = FlagPattern(flags.Cluster, "--cluster") ?? Cluster,
            Service = FlagPattern(flags.Service, "--service") ?? Service,
            Task = FlagPattern(flags.Task is null ? null : TaskIdOf(flags.Task), "--task") ?? Task,
            Container = FlagPattern(flags.Container, "--container") ?? Container,
        };
    }

    /// <summary>True when a region name such as <c>eu-west-1</c> or a region-shaped glob such as <c>eu-*</c>.</summary>
    public static bool LooksLikeRegion(string part) =>
        !string.IsNullOrEmpty(part) && (RegionName().IsMatch(part) || (part.AsSpan().IndexOfAny('*', '?') >= 0 && RegionGlob().IsMatch(part)));

    /// <summary>Canonical text: all five positional parts, <c>*</c> where any; the task, if set, after a <c>#</c>.</summary>
    public override string ToString()
    {
        var text = string.Join('/', new[] { Account, Region, Cluster, Service, Container }.Select(p => p?.Text ?? "*"));
        return Task is null ? text : text + " #task=" + Task.Text;
    }

    /// <summary>The task id of a task ARN (<c>…:task/cluster/id</c> or the old <c>…:task/id</c>), or the text itself.</summary>
    internal static string TaskIdOf(string taskOrArn)
    {
        var trimmed = taskOrArn.Trim();
        return trimmed.StartsWith("arn:", StringComparison.Ordinal) && trimmed.LastIndexOf('/') is var slash and >= 0
            ? trimmed[(slash + 1)..]
            : trimmed;
    }

    private static TargetSelector FromParts(string? account, string? region, ReadOnlySpan<string> rest) => new()
    {
        Account = Pattern(account),
        Region = Pattern(region),
        Cluster = rest.Length > 0 ? Pattern(rest[0]) : null,
        Service = rest.Length > 1 ? Pattern(rest[1]) : null,
        Container = rest.Length > 2 ? Pattern(rest[2]) : null,
    };

    // "*" is the same as leaving the part out; keeping it null lets discovery skip the filter entirely.
    private static GlobPattern? Pattern(string? part) =>
        part is null ? null : GlobPattern.Of(part) is var pattern && pattern.MatchesEverything ? null : pattern;

    private static GlobPattern? FlagPattern(string? value, string flag)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            throw new TargetSelectorException($"{flag} needs a value");
        }

        if (trimmed.Contains('/', StringComparison.Ordinal))
        {
            throw new TargetSelectorException($"{flag} '{trimmed}' must not contain '/'");
        }

        CheckPart(trimmed, trimmed);
        return GlobPattern.Of(trimmed) is var pattern && pattern.MatchesEverything ? GlobPattern.Of("*") : pattern;
    }

    private static void CheckPart(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw new TargetSelectorException($"'{whole}' has an empty part; use * for \"any\"");
        }

        if (part.Trim().Length != part.Length)
        {
            throw new TargetSelectorException($"'{whole}': parts must not start or end with spaces");
        }

        foreach (var c in part)
        {
            if (char.IsControl(c))
            {
                throw new TargetSelectorException("a target selector must not contain control characters");
            }
        }
    }

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    [GeneratedRegex(@"^[a-z?*]{2}-[a-z0-9?*-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionGlob();
}
