namespace EcsOps.Server.Jobs;

/// <summary>Tells the requester how a run goes (Slack: posts to the run's response_url). Failures are logged, never fatal.</summary>
public interface IRunNotifier
{
    Task RunStartedAsync(Job job, CancellationToken cancellationToken);

    /// <summary>The run reached a final state, or went back to the queue.</summary>
    Task RunEndedAsync(Job job, CancellationToken cancellationToken);
}
