namespace EcsOps.Protocol.Channels;

/// <summary>
/// Wakes every task waiting for "something changed". A waiter takes <see cref="WaitTask"/> while it
/// still holds the lock under which it found nothing to do, so a <see cref="Set"/> that follows the
/// change can never be missed.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next <see cref="Set"/>.</summary>
    public Task WaitTask
    {
        get
        {
            lock (_lock)
            {
                return _next.Task;
            }
        }
    }

    public void Set()
    {
        TaskCompletionSource fired;
        lock (_lock)
        {
            fired = _next;
            _next = NewSource();
        }

        fired.TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
