using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Channels;

// The write loop: the only sender on a published transport. Acks go first, then due retransmissions,
// then new data, taken in batches of what is due at once and sent as one write where the transport can;
// with nothing to do it waits for a signal or the next retransmission deadline.
public sealed partial class DataChannel
{
    /// <summary>
    /// Most frames the write loop takes at once: enough to fill a write of the connection, few enough that
    /// an ack that arrives meanwhile is not held up behind much data.
    /// </summary>
    internal const int MaxWriteBatch = 32;

    private async Task WriteLoopAsync()
    {
        var lifetime = _lifetime.Token;
        var batch = new List<WriteStep>(MaxWriteBatch);
        var frames = new List<byte[]>(MaxWriteBatch);
        try
        {
            while (!lifetime.IsCancellationRequested)
            {
                WriteStep step;
                lock (_gate)
                {
                    step = NextWriteStep();
                    if (step.Kind is WriteStepKind.Acknowledge or WriteStepKind.StreamData)
                    {
                        TakeWriteBatch(step, batch);
                    }
                }

                switch (step.Kind)
                {
                    case WriteStepKind.Wait:
                        ArmRetransmissionTimer(step.Deadline);
                        await step.WakeUp!.WaitAsync(lifetime);
                        break;
                    case WriteStepKind.PeerSilent:
                        Break(new TimeoutException(
                            $"peer stopped acknowledging: message {step.SequenceNumber} is unacknowledged " +
                            $"after {_options.PeerSilenceTimeout}"));
                        return;
                    default:
                        await SendBatchAsync(step.Connection!, batch, frames, lifetime);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Break(ex);
        }
    }

    /// <summary>
    /// Called under the lock with a first step to send: adds it and whatever else is due right now (in the order
    /// <see cref="NextWriteStep"/> gives: acks, then retransmissions, then new data), up to <see cref="MaxWriteBatch"/>.
    /// </summary>
    private void TakeWriteBatch(WriteStep first, List<WriteStep> batch)
    {
        batch.Clear();
        batch.Add(first);
        while (batch.Count < MaxWriteBatch)
        {
            var next = NextWriteStep();
            if (next.Kind is not (WriteStepKind.Acknowledge or WriteStepKind.StreamData))
            {
                // Waiting and peer silence take nothing from the window: the next round finds them again.
                return;
            }

            batch.Add(next);
        }
    }

    /// <summary>Sends one batch in order, as one write of the connection where the transport can.</summary>
    private async Task SendBatchAsync(ChannelConnection connection, List<WriteStep> batch, List<byte[]> frames, CancellationToken lifetime)
    {
        frames.Clear();
        var acknowledgements = 0;
        foreach (var step in batch)
        {
            if (step.Kind == WriteStepKind.Acknowledge)
            {
                frames.Add(DataChannelFrames.Acknowledge(step.Acknowledge!, CreatedDateNow()));
                acknowledgements++;
            }
            else
            {
                frames.Add(step.Frame!);
            }
        }

        batch.Clear();
        if (await TrySendAsync(connection, frames, lifetime))
        {
            _counters.AcknowledgementsSent(acknowledgements);
        }
    }

    /// <summary>Decides under the lock what the write loop does next: acks, then due data, else wait.</summary>
    private WriteStep NextWriteStep()
    {
        // Taken before looking, so that any change made after this point wakes the loop.
        var wakeUp = _writeWork.WaitTask;
        if (_state != DataChannelState.Open || _connection is not { Failure: null } connection)
        {
            return WriteStep.Wait(wakeUp, deadline: null);
        }

        if (_pendingAcks.TryDequeue(out var ack))
        {
            return new WriteStep(WriteStepKind.Acknowledge, connection, Acknowledge: ack);
        }

        if (_paused)
        {
            return WriteStep.Wait(wakeUp, deadline: null);
        }

        var now = Now;
        var silentAt = PeerSilenceDeadline();
        if (now >= silentAt)
        {
            return new WriteStep(WriteStepKind.PeerSilent, SequenceNumber: _window.OldestUnacknowledged);
        }

        if (_window.TryTakeNextTransmission(now, out var message, out var isRetransmission))
        {
            if (isRetransmission)
            {
                _counters.MessageRetransmitted();
            }
            else
            {
                _counters.MessageSent(message!.PayloadLength);
            }

            return new WriteStep(WriteStepKind.StreamData, connection, Frame: message!.Frame);
        }

        var deadline = _window.NextRetransmissionDeadline();
        if (silentAt is not null && (deadline is null || silentAt < deadline))
        {
            deadline = silentAt;
        }

        return WriteStep.Wait(wakeUp, deadline);
    }

    /// <summary>When the head, once sent on this socket, counts as unanswered for too long.</summary>
    private TimeSpan? PeerSilenceDeadline()
    {
        if (!_window.HeadSentOnCurrentConnection)
        {
            return null;
        }

        var firstSent = _window.Head!.FirstSentAt!.Value;
        var since = firstSent > _silenceClockStart ? firstSent : _silenceClockStart;
        return since + _options.PeerSilenceTimeout;
    }

    private void ArmRetransmissionTimer(TimeSpan? deadline)
    {
        if (deadline is null)
        {
            _retransmissionTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // The deadline was in the future when it was computed; if time moved past it meanwhile, a short
        // timer (rather than an immediate wake-up) keeps a wrong deadline from spinning the loop.
        var dueIn = deadline.Value - Now;
        _retransmissionTimer.Change(dueIn > s_minimumTimerDelay ? dueIn : s_minimumTimerDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Sends frames in order; a failure marks the connection lost for the read loop to replace.</summary>
    private static async Task<bool> TrySendAsync(ChannelConnection connection, List<byte[]> frames, CancellationToken lifetime)
    {
        try
        {
            if (frames.Count == 1)
            {
                await connection.Transport.SendAsync(frames[0], TransportMessageKind.Binary, connection.Aborted);
            }
            else
            {
                await connection.Transport.SendManyAsync(frames, TransportMessageKind.Binary, connection.Aborted);
            }

            return true;
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Already failed (the read loop is replacing it) or failing now: either way the read loop
            // reconnects and the message goes out again from the window.
            connection.Fail(AsTransportException(ex, "sending failed"));
            return false;
        }
    }

    private enum WriteStepKind
    {
        Wait,
        Acknowledge,
        StreamData,
        PeerSilent,
    }

    private readonly record struct WriteStep(
        WriteStepKind Kind,
        ChannelConnection? Connection = null,
        AcknowledgeContent? Acknowledge = null,
        byte[]? Frame = null,
        long SequenceNumber = 0,
        Task? WakeUp = null,
        TimeSpan? Deadline = null)
    {
        public static WriteStep Wait(Task wakeUp, TimeSpan? deadline) =>
            new(WriteStepKind.Wait, WakeUp: wakeUp, Deadline: deadline);
    }
}
