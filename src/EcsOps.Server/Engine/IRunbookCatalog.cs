namespace EcsOps.Server.Engine;

/// <summary>
/// What the server asks of the runbook engine before it accepts a run: does the runbook exist, are the target and
/// parameters valid, is it safe to run again after an interruption. Called on the request path, so it must answer
/// quickly and without network calls (Slack wants an answer within 3 s).
/// </summary>
public interface IRunbookCatalog
{
    /// <summary>The runbooks that exist, for help texts.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Validates a request; never throws for bad input, which is a refusal in the result.</summary>
    RunbookCheck Check(RunbookRequest request);
}
