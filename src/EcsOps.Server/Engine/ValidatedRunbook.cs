namespace EcsOps.Server.Engine;

/// <summary>A request the engine accepted: the effective target and parameters (defaults applied), as the job stores them.</summary>
/// <param name="Runbook">The runbook name.</param>
/// <param name="Target">The target the run will reach; policy is checked against it.</param>
/// <param name="Parameters">Every parameter value, defaults included.</param>
/// <param name="Idempotent">
/// The runbook declares that running it again is harmless. Only such runs are queued again when a replica dies
/// or stops while running them; every other run is marked interrupted.
/// </param>
/// <param name="RequiresApproval">
/// The runbook itself demands a second person's approval, whatever the policy rule says; the rule must then name
/// approvers.
/// </param>
public sealed record ValidatedRunbook(
    string Runbook, string Target, IReadOnlyDictionary<string, string> Parameters, bool Idempotent, bool RequiresApproval = false)
{
    /// <summary>Parameters whose values are secret: stored for the run, shown everywhere as <c>***</c>.</summary>
    public IReadOnlyList<string> SecretParameters { get; init; } = [];
}
