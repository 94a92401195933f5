using EcsOps.Aws.Config;

namespace EcsOps.Aws.Discovery;

/// <summary>
/// What the operator typed, made into one selector: a positional selector or a target alias (<c>db</c> or
/// <c>@db</c>), with the explicit flags on top. A bare word that names an alias is the alias; otherwise it is a
/// cluster. <c>@name</c> is always an alias.
/// </summary>
/// <param name="Selector">The combined selector.</param>
/// <param name="Alias">The alias used, with its tunnel settings; null for a plain selector.</param>
public sealed record TargetQuery(TargetSelector Selector, TargetAlias? Alias)
{
    /// <summary>Builds the query.</summary>
    /// <param name="text">The positional argument; null or empty when only flags were given.</param>
    /// <exception cref="TargetSelectorException">Malformed text or flag, or an unknown <c>@alias</c>.</exception>
    public static TargetQuery Create(string? text, TargetFlags flags, IReadOnlyDictionary<string, TargetAlias> aliases)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(aliases);
        var trimmed = text?.Trim();
        TargetAlias? alias = null;
        TargetSelector selector;
        if (string.IsNullOrEmpty(trimmed))
        {
            selector = TargetSelector.Any;
        }
        else if (trimmed.StartsWith('@'))
        {
            alias = aliases.TryGetValue(trimmed[1..], out var named)
                ? named
                : throw new TargetSelectorException(
                    $"no target named '{trimmed[1..]}' in ecsops.yaml" + (aliases.Count > 0 ? $" (targets: {string.Join(", ", aliases.Keys.Order(StringComparer.Ordinal))})" : ""));
            selector = alias.Selector;
        }
        else if (aliases.TryGetValue(trimmed, out var named))
        {
            alias = named;
            selector = named.Selector;
        }
        else
        {
            selector = TargetSelector.Parse(trimmed);
        }

        return new TargetQuery(selector.With(flags), alias);
    }
}
