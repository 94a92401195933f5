using EcsOps.Aws.Config.Server;
using EcsOps.Aws.Discovery;

namespace EcsOps.Server.Policy;

/// <summary>
/// The <c>server.rules</c> of ecsops.yaml, evaluated: the first rule whose runbook glob, target glob and principal
/// pattern all match decides; no match is a refusal. Principal patterns are globs over the whole principal, with two
/// shorthands: <c>group:NAME</c> (any member of the group) and <c>ticket:SOURCE</c> (any user that source vouches for).
/// </summary>
public sealed class AccessPolicy(ServerConfig config)
{
    public AccessDecision Decide(Principal requester, string runbook, string target)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        ArgumentNullException.ThrowIfNull(target);
        var rule = config.Rules.FirstOrDefault(r =>
            AnyGlob(r.Runbooks, runbook) && AnyGlob(r.Targets, target) && Matches(r.Allow, requester));
        return new AccessDecision(rule);
    }

    /// <summary>True when <paramref name="approver"/> matches one of <paramref name="approvers"/> (patterns).</summary>
    public bool MayApprove(Principal approver, IReadOnlyList<string> approvers) => Matches(approvers, approver);

    private bool Matches(IReadOnlyList<string> patterns, Principal principal) =>
        patterns.Any(pattern => pattern.StartsWith("group:", StringComparison.Ordinal)
            ? config.Groups.TryGetValue(pattern[6..], out var members) && members.Any(member => MatchesOne(member, principal))
            : MatchesOne(pattern, principal));

    private static bool MatchesOne(string pattern, Principal principal)
    {
        // "ticket:SOURCE" names the source as a whole: every user it vouches for.
        var whole = pattern.StartsWith("ticket:", StringComparison.Ordinal) && pattern.Count(c => c == ':') == 1 ? pattern + ":*" : pattern;
        return GlobPattern.Of(whole).Matches(principal.Value);
    }

    private static bool AnyGlob(IReadOnlyList<string> patterns, string value) => patterns.Any(p => GlobPattern.Of(p).Matches(value));
}
