using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Channels;

// The write loop: the only sender on a published transport. Acks go first, then due retransmissions,
// then new data; with nothing to do it waits for a signal or the next retransmission deadline.
public sealed partial class DataChannel
{
    private async Task WriteLoopAsync()
    {
        var lifetime = _lifetime.Token;
        try
        {
            while (!lifetime.IsCancellationRequested)
            {
                WriteStep step;
                lock (_gate)
                {
                    step = NextWriteStep();
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
                    case WriteStepKind.Acknowledge:
                        var ack = DataChannelFrames.Acknowledge(step.Acknowledge!, CreatedDateNow());
                        if (await TrySendAsync(step.Connection!, ack, lifetime))
                        {
                            _counters.AcknowledgementSent();
                        }

                        break;
                    case WriteStepKind.StreamData:
                        await TrySendAsync(step.Connection!, step.Frame!, lifetime);

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

    /// <summary>Sends one frame; a failure marks the connection lost for the read loop to replace.</summary>
    private static async Task<bool> TrySendAsync(ChannelConnection connection, byte[] frame, CancellationToken lifetime)
    {
        try
        {
            await connection.Transport.SendAsync(frame, TransportMessageKind.Binary, connection.Aborted);
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
