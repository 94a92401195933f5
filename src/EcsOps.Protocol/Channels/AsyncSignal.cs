namespace EcsOps.Protocol.Channels;

/// <summary>
/// Wakes every task waiting for "something changed". A waiter takes <see cref="WaitTask"/> while it
/// still holds the lock under which it found nothing to do, so a <see cref="Set"/> that follows the
/// change can never be missed.
/// </summary>
/// <remarks>
/// The task is made only when someone asks for it: most Sets (one per message and per ack) find nobody
/// waiting and then cost a lock and nothing else.
/// </remarks>
internal sealed class AsyncSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _next;

    /// <summary>Completes at the next <see cref="Set"/>.</summary>
    public Task WaitTask
    {
        get
        {
            lock (_lock)
            {
                _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _next.Task;
            }
        }
    }

    public void Set()
    {
        TaskCompletionSource? fired;
        lock (_lock)
        {
            fired = _next;
            _next = null;
        }

        fired?.TrySetResult();
    }
}
