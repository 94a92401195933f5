using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Channels;

// The read loop: decodes frames, queues acks, reorders for delivery, handles control messages, and
// hands a lost socket to the reconnect logic.
public sealed partial class DataChannel
{
    private async Task ReadLoopAsync()
    {
        try
        {
            while (CurrentConnection() is { } connection)
            {
                var lost = await ReceiveUntilLostAsync(connection);
                if (lost is null || !await ResumeAsync(connection, lost))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Break(ex);
        }
    }

    /// <summary>Reads and handles frames until the socket is lost (returns why) or the channel ends (null).</summary>
    private async Task<TransportException?> ReceiveUntilLostAsync(ChannelConnection connection)
    {
        while (true)
        {
            TransportMessage? message;
            try
            {
                message = await connection.Transport.ReceiveAsync(connection.Aborted);
            }
            catch (ProtocolException)
            {
                // The transport refused one message (e.g. oversized); the socket itself is fine.
                _counters.InvalidMessageDropped();
                continue;
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception) when (connection.Aborted.IsCancellationRequested)
            {
                return AsTransportException(connection.Failure, "the connection was aborted");
            }
            catch (Exception ex)
            {
                // Includes a cancellation we did not ask for: an aborted websocket reports itself that way.
                return AsTransportException(ex, "receiving failed");
            }

            if (message is null)
            {
                return new TransportException("the peer closed the connection without channel_closed", isTransient: true);
            }

            HandleMessage(message.Value);
            if (_lifetime.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    private void HandleMessage(TransportMessage message)
    {
        if (message.Kind != TransportMessageKind.Binary)
        {
            _counters.InvalidMessageDropped();
            return;
        }

        ClientMessage decoded;
        try
        {
            decoded = ClientMessageCodec.Decode(message.Payload, _options.MaxIncomingPayloadLength);
        }
        catch (ProtocolException)
        {
            // Dropped without an ack: the sender retransmits a good copy.
            _counters.InvalidMessageDropped();
            return;
        }

        switch (decoded.MessageType)
        {
            case var type when type == _incomingStreamType:
                OnStreamData(decoded);
                break;
            case MessageType.Acknowledge:
                OnAcknowledge(decoded);
                break;
            case MessageType.ChannelClosed:
                OnChannelClosed(decoded);
                break;
            case MessageType.PausePublication:
                lock (_gate)
                {
                    _paused = true;
                }

                break;
            case MessageType.StartPublication:
                lock (_gate)
                {
                    ResumePublication();
                }

                _writeWork.Set();
                break;
            default:
                // Our own direction's type, agent_session_state at a client, unknown types: not for us.
                _counters.InvalidMessageDropped();
                break;
        }
    }

    private void OnStreamData(ClientMessage message)
    {
        var sequenceNumber = message.SequenceNumber;
        if (sequenceNumber < 0)
        {
            _counters.InvalidMessageDropped();
            return;
        }

        var deliverable = false;
        lock (_gate)
        {
            ResumePublication();

            // No room to queue an ack: treat it like a full buffer and let the sender retry.
            var outcome = _pendingAcks.Count >= _incoming.Capacity
                ? ReorderOutcome.BeyondCapacity
                : _incoming.Offer(sequenceNumber, message.PayloadType, message.Payload.Span);
            switch (outcome)
            {
                case ReorderOutcome.Stored:
                    _counters.MessageReceived(message.Payload.Length);
                    deliverable = sequenceNumber == _incoming.NextToDeliver;
                    break;
                case ReorderOutcome.Duplicate:
                    // Always re-ack: the first ack may have been lost (fact sheet §4.2, plugin bug #139).
                    _counters.DuplicateReceived();
                    break;
                default:
                    _counters.MessageRefused();
                    return;
            }

            _pendingAcks.Enqueue(new AcknowledgeContent(
                message.MessageType, message.Header.MessageId.ToString(), sequenceNumber));
        }

        _writeWork.Set();
        if (deliverable)
        {
            _received.Set();
        }
    }

    private void OnAcknowledge(ClientMessage message)
    {
        AcknowledgeContent content;
        try
        {
            content = AcknowledgeContent.Parse(message.Payload.Span);
        }
        catch (ProtocolException)
        {
            _counters.InvalidMessageDropped();
            return;
        }

        bool removed;
        bool wakeWindowWaiters;
        lock (_gate)
        {
            ResumePublication();
            removed = _window.TryAcknowledge(content.AcknowledgedMessageSequenceNumber, Now, out _);
            wakeWindowWaiters = removed && _window.HasRoomForBurst;
        }

        if (removed)
        {
            _counters.AcknowledgementReceived();
        }

        if (wakeWindowWaiters)
        {
            _windowChanged.Set();
        }

        _writeWork.Set();
    }

    private void OnChannelClosed(ClientMessage message)
    {
        ChannelClosedContent content;
        try
        {
            content = ChannelClosedContent.Parse(message.Payload.Span);
        }
        catch (ProtocolException)
        {
            // The service said the session is over; an unreadable reason does not change that.
            content = new ChannelClosedContent(
                message.Header.MessageId.ToString(), string.Empty, string.Empty, string.Empty,
                MessageType.ChannelClosed, 1, string.Empty);
        }

        lock (_gate)
        {
            if (_state is DataChannelState.Closed or DataChannelState.Broken)
            {
                return;
            }

            _closedBy = content;
        }

        TransitionTo(DataChannelState.Closed);
    }

    /// <summary>Called under the lock: data flows again, and the peer-silence clock restarts.</summary>
    private void ResumePublication()
    {
        if (_paused)
        {
            _paused = false;
            _silenceClockStart = Now;
        }
    }
}
