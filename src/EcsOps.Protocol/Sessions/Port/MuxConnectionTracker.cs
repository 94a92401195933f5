namespace EcsOps.Protocol.Sessions.Port;

/// <summary>The forwarded connections still running, so shutdown can wait for all of them.</summary>
internal sealed class MuxConnectionTracker
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    public void Track(Task connection)
    {
        lock (_gate)
        {
            _running.Add(connection);
        }

        connection.ContinueWith(
            (finished, state) =>
            {
                var tracker = (MuxConnectionTracker)state!;
                lock (tracker._gate)
                {
                    tracker._running.Remove(finished);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Completes when every connection tracked so far has ended (they never fault).</summary>
    public Task WhenAllEndedAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll([.. _running]);
        }
    }
}
