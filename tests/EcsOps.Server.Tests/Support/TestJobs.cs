using EcsOps.Server.Jobs;

namespace EcsOps.Server.Tests.Support;

/// <summary>Runs written straight into a store, as another (possibly crashed) replica would have left them.</summary>
public static class TestJobs
{
    /// <summary>A queued ticket run of the ledger-writing <c>echo</c> runbook.</summary>
    public static JobSpec QueuedEcho() => new()
    {
        Id = JobIds.New(TimeProvider.System),
        Runbook = "echo",
        Target = "dev-web",
        Parameters = new Dictionary<string, string> { ["message"] = "never" },
        Channel = "ticket:servicedesk",
        Requester = "ticket:servicedesk:alice",
        RequesterName = "alice",
        State = JobState.Queued,
    };
}
