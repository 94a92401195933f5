namespace EcsOps.Aws.Config.Server;

/// <summary>
/// One entry of <c>server.rules</c>: who (<see cref="Allow"/>) may run which runbooks on which targets, and who must
/// approve first. Rules are read in order; the first rule whose runbook, target and principal patterns all match
/// decides. Nothing is allowed unless a rule says so.
/// </summary>
/// <param name="Runbooks">Runbook name globs.</param>
/// <param name="Targets">Target globs (matched against the target name or selector as requested).</param>
/// <param name="Allow">Principal patterns: <c>slack:USERID</c>, <c>ticket:SOURCE</c>, <c>ticket:SOURCE:USER</c>, <c>group:NAME</c>; globs in the id.</param>
/// <param name="Approvers">Principal patterns of who may approve; when empty, no approval is needed.</param>
/// <param name="Line">Where the rule is in the file (1-based), for messages and audit events.</param>
public sealed record AccessRule(
    IReadOnlyList<string> Runbooks,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Allow,
    IReadOnlyList<string> Approvers,
    int Line)
{
    /// <summary>True when runs under this rule wait for someone in <see cref="Approvers"/>.</summary>
    public bool RequiresApproval => Approvers.Count > 0;
}
