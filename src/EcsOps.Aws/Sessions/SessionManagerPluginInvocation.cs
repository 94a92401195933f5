namespace EcsOps.Aws.Sessions;

/// <summary>How to start the session-manager-plugin for one granted session.</summary>
/// <param name="Arguments">argv after the executable: response (or the variable holding it), region, operation, profile, parameters, SSM endpoint.</param>
/// <param name="Environment">Variables to set; a null value means remove the variable.</param>
public sealed record SessionManagerPluginInvocation(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment);
