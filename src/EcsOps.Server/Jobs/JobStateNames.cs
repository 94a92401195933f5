namespace EcsOps.Server.Jobs;

/// <summary>The names states have in the store, the API and the page (kebab-case, stable).</summary>
public static class JobStateNames
{
    private static readonly Dictionary<JobState, string> s_names = new()
    {
        [JobState.PendingApproval] = "pending-approval",
        [JobState.Queued] = "queued",
        [JobState.Running] = "running",
        [JobState.Succeeded] = "succeeded",
        [JobState.Failed] = "failed",
        [JobState.Denied] = "denied",
        [JobState.Expired] = "expired",
        [JobState.Interrupted] = "interrupted",
    };

    private static readonly Dictionary<string, JobState> s_states = s_names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(this JobState state) => s_names[state];

    public static JobState Parse(string name) =>
        s_states.TryGetValue(name, out var state) ? state : throw new InvalidDataException($"unknown job state '{name}' in the store");

    /// <summary>True for states a run never leaves.</summary>
    public static bool IsFinal(this JobState state) =>
        state is JobState.Succeeded or JobState.Failed or JobState.Denied or JobState.Expired or JobState.Interrupted;
}
