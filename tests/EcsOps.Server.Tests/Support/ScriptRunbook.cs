namespace EcsOps.Server.Tests.Support;

/// <summary>A runbook of the stand-in engine: a POSIX sh script with parameters checked against patterns.</summary>
/// <param name="Name">The runbook's name.</param>
/// <param name="Script">Run by <c>/bin/sh -c</c>; parameters arrive as <c>ECSOPS_PARAM_NAME</c> variables, never in the script text.</param>
public sealed record ScriptRunbook(string Name, string Script)
{
    /// <summary>Parameter name → regular expression its value must match.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Values for parameters not given; a parameter without a default is required.</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; init; } = new Dictionary<string, string>();

    public string? DefaultTarget { get; init; }

    public bool Idempotent { get; init; }

    /// <summary>The runbook demands approval whatever the policy says.</summary>
    public bool RequiresApproval { get; init; }
}
