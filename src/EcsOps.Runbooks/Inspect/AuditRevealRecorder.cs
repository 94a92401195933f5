using EcsOps.Aws.Audit;

namespace EcsOps.Runbooks.Inspect;

/// <summary>
/// Records <c>inspect --reveal</c> in the audit trail before any secret value is shown: a start event (action
/// <c>inspect-reveal</c>, the names of the variables and files revealed, never their values) and an end event, both
/// stored or the inspection aborts with <see cref="AuditUnavailableException"/> and reveals nothing.
/// </summary>
/// <param name="announce">Told, once recorded, what is revealed and under which run id (the CLI says it on stderr).</param>
public sealed class AuditRevealRecorder(IAuditTrail trail, AuditTarget target, string? reason, Action<string>? announce = null) : ISecretRevealRecorder
{
    /// <exception cref="AuditUnavailableException">The reveal could not be recorded; nothing may be shown.</exception>
    public async Task RecordAsync(SecretReveal reveal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        var run = await trail.BeginAsync(
            new AuditStart
            {
                Action = AuditActions.InspectReveal,
                Command = "inspect --reveal " + reveal.Target,
                Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["variables"] = string.Join(',', reveal.Variables),
                    ["files"] = string.Join(',', reveal.Files),
                },
                Target = target with { Task = reveal.TaskArn },
                Reason = reason,
            },
            cancellationToken);
        await run.EndAsync(AuditOutcome.Ok(), cancellationToken);
        var what = string.Join(", ", reveal.Variables.Concat(reveal.Files));
        announce?.Invoke($"revealing secret values of {reveal.Target} ({(what.Length == 0 ? "none found" : what)}); recorded as audit run {run.RunId}");
    }
}
