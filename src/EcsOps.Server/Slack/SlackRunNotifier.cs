using EcsOps.Server.Jobs;

namespace EcsOps.Server.Slack;

/// <summary>Posts a Slack run's start and end (with the tail of its output) to the response_url of its command.</summary>
public sealed class SlackRunNotifier(SlackResponder responder, SlackMessages messages, IJobStore store, TimeProvider time) : IRunNotifier
{
    public async Task RunStartedAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.ResponseUrl is { } url)
        {
            await responder.PostAsync(url, messages.Started(job), cancellationToken);
        }
    }

    public async Task RunEndedAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.ResponseUrl is { } url)
        {
            var tail = await store.GetOutputAsync(job.Id, SlackMessages.OutputTailLines, cancellationToken);
            await responder.PostAsync(url, messages.Ended(job, tail, time.GetUtcNow()), cancellationToken);
        }
    }
}
