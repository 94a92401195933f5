using System.Runtime.ExceptionServices;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Channels;

/// <summary>
/// The Session Manager data channel (fact sheet §2–§4, §6.3), the same code for the client and the
/// agent: sequencing, acks (duplicates included), in-order delivery, retransmission on an RTO estimate,
/// pause/start publication, channel_closed, and reconnect with sequence state kept.
/// </summary>
/// <remarks>
/// One read loop decodes frames, queues acks, reorders and reconnects; one write loop is the only
/// sender on a published transport and puts acks ahead of data and retransmissions. All shared state
/// is guarded by one lock; the loops wait on signals and on a <see cref="TimeProvider"/> timer, never sleep.
/// </remarks>
public sealed class DataChannel : IStreamDataChannel, IAsyncDisposable
{
    // Bounds the graceful close of a lost socket before it is thrown away.
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_minimumTimerDelay = TimeSpan.FromMilliseconds(1);

    private readonly Lock _gate = new();
    private readonly DataChannelOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly DataChannelDialer _dialer;
    private readonly OutgoingWindow _window;
    private readonly ReorderBuffer _incoming;
    private readonly Queue<AcknowledgeContent> _pendingAcks = new();
    private readonly string _incomingStreamType;
    private readonly AsyncSignal _writeWork = new();
    private readonly AsyncSignal _windowChanged = new();
    private readonly AsyncSignal _received = new();
    private readonly ITimer _retransmissionTimer;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DataChannelCounters _counters = new();
    private readonly long _startTimestamp;

    private DataChannelState _state = DataChannelState.Connecting;
    private ChannelConnection? _connection;
    private Exception? _failure;
    private ChannelClosedContent? _closedBy;
    private bool _paused;
    private TimeSpan _silenceClockStart;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;
    private int _opened;
    private int _disposed;

    public DataChannel(
        DataChannelRole role,
        IDataChannelConnector connector,
        DataChannelOptions options,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(role);
        Role = role;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        ClientId = options.ClientId ?? Guid.NewGuid().ToString();
        _dialer = new DataChannelDialer(role, connector, options, _timeProvider, ClientId);
        _window = new OutgoingWindow(options.OutgoingWindowCapacity, new RetransmissionTimer(options.MaxRetransmissionInterval));
        _incoming = new ReorderBuffer(options.ReorderBufferCapacity);
        _incomingStreamType = DataChannelFrames.IncomingStreamType(role);
        _startTimestamp = _timeProvider.GetTimestamp();
        _retransmissionTimer = _timeProvider.CreateTimer(
            static state => ((AsyncSignal)state!).Set(), _writeWork, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public DataChannelRole Role { get; }

    /// <summary>Sent as ClientId on every (re)connect.</summary>
    public string ClientId { get; }

    public DataChannelState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public ChannelClosedContent? ClosedBy
    {
        get
        {
            lock (_gate)
            {
                return _closedBy;
            }
        }
    }

    public Task Completion => _completion.Task;

    public DataChannelStatistics Statistics => _counters.Snapshot();

    /// <summary>One line of internal state for failure messages in tests and logs.</summary>
    internal string DebugState
    {
        get
        {
            lock (_gate)
            {
                var connection = _connection is null ? "none" : _connection.Failure?.Message ?? "up";
                return $"state={_state} paused={_paused} socket={connection} now={Now} " +
                       $"window[oldest={_window.OldestUnacknowledged} next={_window.NextSequenceNumber} count={_window.Count} " +
                       $"deadline={_window.NextRetransmissionDeadline()} headTimeouts={_window.Timer.ConsecutiveHeadTimeouts} " +
                       $"rto={_window.Timer.Timeout}] incoming[next={_incoming.NextToDeliver} count={_incoming.Count}] " +
                       $"pendingAcks={_pendingAcks.Count}";
            }
        }
    }

    private TimeSpan Now => _timeProvider.GetElapsedTime(_startTimestamp);

    /// <summary>
    /// Connects (resume = false), sends the OpenDataChannel frame and starts the read and write loops.
    /// A failure here breaks the channel and is rethrown.
    /// </summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _opened, 1) != 0)
        {
            throw new InvalidOperationException("OpenAsync was already called.");
        }

        IMessageTransport transport;
        try
        {
            transport = await _dialer.ConnectAsync(resume: false, cancellationToken);
        }
        catch (Exception ex)
        {
            Break(ex);
            throw;
        }

        var connection = new ChannelConnection(transport, _lifetime.Token);
        lock (_gate)
        {
            _connection = connection;
        }

        if (!TransitionTo(DataChannelState.Open))
        {
            throw new InvalidOperationException("The data channel was closed while it was opening.");
        }

        _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
        _writeLoop = Task.Run(WriteLoopAsync, CancellationToken.None);
    }

    /// <summary>
    /// Queues one stream-data message under the next sequence number. Waits while the outgoing window is
    /// full; keeps accepting while the socket is being replaced.
    /// </summary>
    /// <exception cref="ArgumentException">The payload is larger than MaxPayloadLength.</exception>
    /// <exception cref="InvalidOperationException">The channel is closing or closed.</exception>
    public async ValueTask SendAsync(PayloadType payloadType, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length > _options.MaxPayloadLength)
        {
            throw new ArgumentException(
                $"payload of {payload.Length} bytes exceeds the limit of {_options.MaxPayloadLength}", nameof(payload));
        }

        while (true)
        {
            Task roomMade;
            lock (_gate)
            {
                ThrowIfCannotSend();
                if (_window.HasRoom)
                {
                    var frame = DataChannelFrames.StreamData(
                        Role, _window.NextSequenceNumber, payloadType, payload.Span, CreatedDateNow());
                    _window.Add(frame, payload.Length);
                    break;
                }

                roomMade = _windowChanged.WaitTask;
            }

            await roomMade.WaitAsync(cancellationToken);
        }

        _writeWork.Set();
    }

    /// <summary>
    /// The next stream-data message in sequence order. After channel_closed or a local close it returns
    /// what is buffered, then null; after a failure it returns what is buffered, then throws the failure.
    /// </summary>
    public async ValueTask<StreamData?> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (_incoming.TryTake(out var data))
                {
                    return data;
                }

                switch (_state)
                {
                    case DataChannelState.Closed:
                        return null;
                    case DataChannelState.Broken:
                        ExceptionDispatchInfo.Throw(_failure!);
                        break;
                }

                arrived = _received.WaitTask;
            }

            await arrived.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Waits until every message sent so far was acknowledged, or the channel ended.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_window.IsEmpty || _state == DataChannelState.Closed)
                {
                    return;
                }

                if (_state == DataChannelState.Broken)
                {
                    ExceptionDispatchInfo.Throw(_failure!);
                }

                changed = _windowChanged.WaitTask;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Closes locally: stops accepting sends, closes the socket and ends the channel (Closing, then
    /// Closed). Unacknowledged messages are not waited for; call <see cref="FlushAsync"/> first for that.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (!TransitionTo(DataChannelState.Closing))
        {
            return;
        }

        ChannelConnection? connection;
        lock (_gate)
        {
            connection = _connection;
        }

        if (connection is not null)
        {
            try
            {
                await connection.Transport.CloseAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is TransportException or OperationCanceledException)
            {
                // The socket is going away either way.
            }
        }

        TransitionTo(DataChannelState.Closed);
        await Task.WhenAll(_readLoop, _writeLoop).WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        TransitionTo(DataChannelState.Closed);
        await Task.WhenAll(_readLoop, _writeLoop);
        await _retransmissionTimer.DisposeAsync();
        ChannelConnection? connection;
        lock (_gate)
        {
            connection = _connection;
            _connection = null;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        _lifetime.Dispose();
    }

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

    /// <summary>Replaces a lost socket; false when the channel ended instead.</summary>
    private async Task<bool> ResumeAsync(ChannelConnection lost, TransportException cause)
    {
        lost.Fail(cause);
        lock (_gate)
        {
            if (_state != DataChannelState.Open)
            {
                return false;
            }
        }

        if (!_options.Reconnect || !cause.IsTransient)
        {
            Break(cause);
            return false;
        }

        if (!TransitionTo(DataChannelState.Resuming))
        {
            return false;
        }

        await CloseQuietlyAsync(lost);
        IMessageTransport transport;
        try
        {
            transport = await _dialer.ReconnectAsync(cause, _lifetime.Token);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            Break(ex);
            return false;
        }

        var next = new ChannelConnection(transport, _lifetime.Token);
        lock (_gate)
        {
            if (_state == DataChannelState.Resuming)
            {
                _connection = next;
                _window.RewindForNewConnection();
                _paused = false;
                _silenceClockStart = Now;
                next = null;
            }
        }

        if (next is not null)
        {
            await next.DisposeAsync();
            return false;
        }

        _counters.Reconnected();
        return TransitionTo(DataChannelState.Open);
    }

    private async Task CloseQuietlyAsync(ChannelConnection connection)
    {
        try
        {
            using var timeout = new CancellationTokenSource(s_closeTimeout, _timeProvider);
            await connection.Transport.CloseAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is TransportException or OperationCanceledException)
        {
            // It is already broken; closing is a courtesy.
        }

        await connection.DisposeAsync();
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
        lock (_gate)
        {
            ResumePublication();
            removed = _window.TryAcknowledge(content.AcknowledgedMessageSequenceNumber, Now, out _);
        }

        if (removed)
        {
            _counters.AcknowledgementReceived();
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
                            $"peer stopped acknowledging: message {step.SequenceNumber} is unacknowledged after {_options.PeerSilenceTimeout}"));
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
                        if (_options.SendPacing > TimeSpan.Zero)
                        {
                            await Task.Delay(_options.SendPacing, _timeProvider, lifetime);
                        }

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

    private ChannelConnection? CurrentConnection()
    {
        lock (_gate)
        {
            return _state is DataChannelState.Open ? _connection : null;
        }
    }

    /// <summary>The only way the state changes. Returns false when the move is not allowed from here.</summary>
    private bool TransitionTo(DataChannelState next, Exception? failure = null)
    {
        lock (_gate)
        {
            if (!IsAllowed(_state, next))
            {
                return false;
            }

            _state = next;
            if (next == DataChannelState.Broken)
            {
                _failure = failure;
            }
        }

        if (next is DataChannelState.Closed or DataChannelState.Broken)
        {
            _lifetime.Cancel();
            if (next == DataChannelState.Broken)
            {
                _completion.TrySetException(failure!);
            }
            else
            {
                _completion.TrySetResult();
            }
        }

        _writeWork.Set();
        _windowChanged.Set();
        _received.Set();
        return true;
    }

    private static bool IsAllowed(DataChannelState from, DataChannelState to) => (from, to) switch
    {
        (DataChannelState.Connecting, DataChannelState.Open or DataChannelState.Closing or DataChannelState.Closed or DataChannelState.Broken) => true,
        (DataChannelState.Open, DataChannelState.Resuming or DataChannelState.Closing or DataChannelState.Closed or DataChannelState.Broken) => true,
        (DataChannelState.Resuming, DataChannelState.Open or DataChannelState.Closing or DataChannelState.Closed or DataChannelState.Broken) => true,
        (DataChannelState.Closing, DataChannelState.Closed or DataChannelState.Broken) => true,
        _ => false,
    };

    /// <summary>Ends the channel with an error; the first reason wins.</summary>
    private void Break(Exception reason) => TransitionTo(DataChannelState.Broken, reason);

    private void ThrowIfCannotSend()
    {
        switch (_state)
        {
            case DataChannelState.Broken:
                ExceptionDispatchInfo.Throw(_failure!);
                break;
            case DataChannelState.Closing or DataChannelState.Closed:
                throw new InvalidOperationException("The data channel is closed.");
        }
    }

    private ulong CreatedDateNow() => (ulong)_timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static TransportException AsTransportException(Exception? error, string what) => error switch
    {
        TransportException transport => transport,
        null => new TransportException(what, isTransient: true),
        _ => new TransportException($"{what}: {error.Message}", isTransient: true, error),
    };

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
