using EcsOps.Aws.Config.Server;

namespace EcsOps.Server.Policy;

/// <summary>What the policy says about one request: allowed or not, by which rule, and who must approve.</summary>
/// <param name="Rule">The first matching rule; null when no rule allows the request.</param>
public sealed record AccessDecision(AccessRule? Rule)
{
    public bool Allowed => Rule is not null;

    public bool RequiresApproval => Rule?.RequiresApproval ?? false;

    /// <summary>Principal patterns of who may approve.</summary>
    public IReadOnlyList<string> Approvers => Rule?.Approvers ?? [];
}
