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
/// This file holds the public API and the state machine; the loops and reconnect live in
/// DataChannel.ReadLoop.cs, DataChannel.WriteLoop.cs and DataChannel.Reconnect.cs, the mechanics in
/// <see cref="OutgoingWindow"/>, <see cref="ReorderBuffer"/>, <see cref="RetransmissionTimer"/> and
/// <see cref="DataChannelDialer"/>.
/// </remarks>
public sealed partial class DataChannel : IStreamDataChannel, IAsyncDisposable
{
    // Bounds the graceful close of a lost socket before it is thrown away.
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_minimumTimerDelay = TimeSpan.FromMilliseconds(1);

    private readonly Lock _gate = new();
    private readonly DataChannelOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SendPacer? _pacer;
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
        _pacer = options.SendPacing > TimeSpan.Zero ? new SendPacer(options.SendPacing, _timeProvider) : null;
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
    /// full; keeps accepting while the socket is being replaced. With <see cref="DataChannelOptions.SendPacing"/>
    /// it first waits for its send slot, so the pace holds back the producer (as the real agent's sleep after each
    /// send holds back its reads of the PTY) instead of piling paced data up in the window.
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

        if (_pacer is not null)
        {
            await _pacer.WaitForSlotAsync(cancellationToken);
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

    /// <summary>Allowed moves: forward through the life cycle; Closed and Broken are final.</summary>
    private static bool IsAllowed(DataChannelState from, DataChannelState to) => from switch
    {
        DataChannelState.Connecting => to is DataChannelState.Open or DataChannelState.Closing or DataChannelState.Closed or DataChannelState.Broken,
        DataChannelState.Open => to is DataChannelState.Resuming or DataChannelState.Closing or DataChannelState.Closed or DataChannelState.Broken,
        DataChannelState.Resuming => to is DataChannelState.Open or DataChannelState.Closing or DataChannelState.Closed or DataChannelState.Broken,
        DataChannelState.Closing => to is DataChannelState.Closed or DataChannelState.Broken,
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
}
