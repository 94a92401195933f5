namespace EcsOps.Protocol.Smux;

/// <summary>
/// An async auto-reset event with one memory slot, like a Go channel of capacity 1: a <see cref="Set"/>
/// with nobody waiting is remembered for the next <see cref="WaitAsync"/>. Callers re-check their
/// condition after every wake-up, so a spurious wake is harmless and a lost one impossible.
/// </summary>
internal sealed class WakeSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _waiter;
    private bool _isSet;

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_isSet)
            {
                _isSet = false;
                return Task.CompletedTask;
            }

            // Continuations run asynchronously so the receive loop never runs a reader's code inline.
            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task.WaitAsync(cancellationToken);
        }
    }

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            waiter = _waiter;
            _waiter = null;
            _isSet = waiter is null;
        }

        waiter?.TrySetResult();
    }
}
