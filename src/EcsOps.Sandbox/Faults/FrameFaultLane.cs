namespace EcsOps.Sandbox.Faults;

/// <summary>
/// One direction of one session's relay, with the plan's frame faults applied: each frame is delivered,
/// dropped, duplicated, held back until after the next frame (reorder), or delivered late (delay).
/// Used by one relaying task at a time (the sender's read loop); delayed frames arrive from a timer.
/// </summary>
internal sealed class FrameFaultLane(SandboxFaults faults, FrameDirection direction)
{
    private readonly Lock _gate = new();
    private byte[]? _held;

    /// <summary>Relays <paramref name="frame"/> to <paramref name="peer"/> (the other side's socket).</summary>
    public async ValueTask RelayAsync(byte[] frame, IFrameSink peer, CancellationToken cancellationToken)
    {
        switch (faults.NextFrameAction(direction, out var delay))
        {
            case FrameAction.Drop:
                return;

            case FrameAction.Duplicate:
                await peer.SendAsync(frame, cancellationToken);
                await peer.SendAsync(frame, cancellationToken);
                break;

            case FrameAction.Reorder:
                byte[]? previous;
                lock (_gate)
                {
                    previous = _held;
                    _held = previous is null ? frame : null;
                }

                if (previous is not null)
                {
                    // Two in a row: the later one goes first, which is a reorder too.
                    await peer.SendAsync(frame, cancellationToken);
                    await peer.SendAsync(previous, cancellationToken);
                }

                return;

            case FrameAction.Delay:
                _ = DeliverLateAsync(frame, peer, delay);
                return;

            default:
                await peer.SendAsync(frame, cancellationToken);
                break;
        }

        byte[]? held;
        lock (_gate)
        {
            held = _held;
            _held = null;
        }

        if (held is not null)
        {
            await peer.SendAsync(held, cancellationToken);
        }
    }

    private async Task DeliverLateAsync(byte[] frame, IFrameSink peer, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, faults.Clock);
            await peer.SendAsync(frame, CancellationToken.None);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // The peer's socket went away meanwhile: a late frame is then a lost one.
        }
    }
}
