using System.Text.RegularExpressions;
using EcsOps.Server.Engine;

namespace EcsOps.Server.Tests.Support;

/// <summary>
/// STAND-IN for the runbook engine's catalog (src/EcsOps.Runbooks is being built and not merged yet): runbooks
/// declared in the test, each a local sh script with typed-by-pattern parameters. It answers the server's questions
/// (does the runbook exist, are the target and parameters valid, is it idempotent) the way the engine will.
/// </summary>
public sealed partial class ScriptRunbookCatalog(IEnumerable<ScriptRunbook> runbooks) : IRunbookCatalog
{
    private readonly Dictionary<string, ScriptRunbook> _runbooks = runbooks.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public IReadOnlyList<string> Names => [.. _runbooks.Keys.Order(StringComparer.Ordinal)];

    public ScriptRunbook Get(string name) => _runbooks[name];

    public RunbookCheck Check(RunbookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_runbooks.TryGetValue(request.Runbook, out var runbook))
        {
            return RunbookCheck.UnknownRunbook($"there is no runbook '{request.Runbook}' (runbooks: {string.Join(", ", Names)})");
        }

        var target = request.Target ?? runbook.DefaultTarget;
        if (target is null || !TargetName().IsMatch(target))
        {
            return RunbookCheck.InvalidParameters(target is null ? "name a target: target=NAME" : $"'{target}' is not a target name");
        }

        var values = new Dictionary<string, string>(runbook.Defaults, StringComparer.Ordinal);
        foreach (var (name, value) in request.Parameters)
        {
            if (!runbook.Parameters.TryGetValue(name, out var pattern))
            {
                return RunbookCheck.InvalidParameters($"{runbook.Name} has no parameter '{name}'");
            }

            if (!Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                return RunbookCheck.InvalidParameters($"parameter {name}: '{value}' does not match {pattern}");
            }

            values[name] = value;
        }

        var missing = runbook.Parameters.Keys.FirstOrDefault(name => !values.ContainsKey(name));
        return missing is not null
            ? RunbookCheck.InvalidParameters($"{runbook.Name} needs the parameter '{missing}'")
            : RunbookCheck.Accepted(new ValidatedRunbook(runbook.Name, target, values, runbook.Idempotent, runbook.RequiresApproval));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex TargetName();
}
