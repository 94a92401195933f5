using EcsOps.Runbooks;

namespace EcsOps.Server.Engine;

/// <summary>
/// The runbooks of ecsops.yaml (<c>runbooks:</c>) as the server sees them: the runbook engine validates parameters
/// with each runbook's typed schema; the target is the request's, else the runbook's own. A target must name one
/// place literally (no glob characters): the policy is checked against its text.
/// </summary>
public sealed class RunbookEngineCatalog(RunbookCatalog catalog) : IRunbookCatalog
{
    /// <summary>The longest target text accepted.</summary>
    public const int MaxTargetLength = 256;

    public IReadOnlyList<string> Names => [.. catalog.Runbooks.Select(r => r.Name)];

    public RunbookCheck Check(RunbookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Runbook runbook;
        try
        {
            runbook = catalog.Find(request.Runbook);
        }
        catch (RunbookUsageException unknown)
        {
            return RunbookCheck.UnknownRunbook(unknown.Message);
        }

        var target = request.Target ?? runbook.Target;
        if (target is null)
        {
            return RunbookCheck.InvalidParameters($"runbook {runbook.Name} names no target; give one with target=SELECTOR");
        }

        if (TargetProblem(target) is { } problem)
        {
            return RunbookCheck.InvalidParameters(problem);
        }

        try
        {
            var values = runbook.Parameters.Validate(request.Parameters, runbook.Name);
            return RunbookCheck.Accepted(new ValidatedRunbook(runbook.Name, target, values.Values, runbook.Idempotent, runbook.Approval == RunbookApproval.Required)
            {
                SecretParameters = [.. values.SecretNames.Order(StringComparer.Ordinal)],
            });
        }
        catch (RunbookUsageException invalid)
        {
            return RunbookCheck.InvalidParameters(invalid.Message);
        }
    }

    private static string? TargetProblem(string target) =>
        target.Length == 0 || target.Length > MaxTargetLength || target.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? $"the target must be a named target or a selector of at most {MaxTargetLength} characters without spaces"
            : target.AsSpan().IndexOfAny('*', '?') >= 0
                ? $"the target '{target}' has glob characters; name one target, since what may run where is decided on its name"
                : null;
}
