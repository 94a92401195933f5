using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace EcsOps.Protocol.Smux;

/// <summary>
/// An smux v1 session (fact sheet §7.3) over any duplex <see cref="Stream"/>: many <see cref="SmuxStream"/>s
/// over one transport. One receive loop reads frames and routes them to streams; one send loop is the only
/// writer of the transport and sends control frames (SYN, NOP) ahead of data. The session owns the
/// transport and disposes it when it closes.
/// </summary>
/// <remarks>
/// <see cref="Completion"/> completes when the session ends: successfully when it was disposed or the
/// transport ended between frames; faulted with <see cref="ProtocolException"/> for a bad frame,
/// <see cref="TimeoutException"/> when keepalive found nothing received for
/// <see cref="SmuxConfig.KeepAliveTimeout"/>, or the transport's own exception.
/// </remarks>
public sealed class SmuxSession : IAsyncDisposable
{
    private const int ReadBufferSize = 16 * 1024;
    private const int MinWriteBatchSize = 64 * 1024;

    private readonly Stream _transport;
    private readonly SmuxSendQueue _sendQueue = new();
    private readonly SmuxReceiveBudget _receiveBudget;
    private readonly Lock _streamsGate = new();
    private readonly Dictionary<uint, SmuxStream> _streams = [];
    private readonly Channel<SmuxStream> _accepted;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loopsEnded;
    private uint _nextStreamId;
    private int _closed;
    private Exception? _closeReason;
    private long _framesReceived;
    private int _receivedSinceCheck;
    private int _keepAliveChecks;
    private SmuxSendRequest? _pendingNop;

    private SmuxSession(Stream transport, bool isClient, SmuxConfig? config, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(transport);
        Config = config ?? SmuxConfig.Default;
        Config.Validate();
        _transport = transport;
        IsClient = isClient;

        // Client ids are odd and the first is 3, server ids even from 2: both add 2 before use.
        _nextStreamId = isClient ? 1u : 0u;
        _receiveBudget = new SmuxReceiveBudget(Config.MaxReceiveBuffer);
        _accepted = Channel.CreateBounded<SmuxStream>(new BoundedChannelOptions(Config.AcceptBacklog)
        {
            SingleWriter = true,
        });

        var token = _lifetime.Token;
        var receiveLoop = Task.Run(() => ReceiveLoopAsync(token), CancellationToken.None);
        var sendLoop = Task.Run(() => SendLoopAsync(token), CancellationToken.None);
        var keepAlive = Config.KeepAliveEnabled
            ? Task.Run(() => SmuxKeepAlive.RunAsync(this, timeProvider ?? TimeProvider.System, token), CancellationToken.None)
            : Task.CompletedTask;
        _loopsEnded = CompleteWhenLoopsEndAsync(receiveLoop, sendLoop, keepAlive);
    }

    /// <summary>Starts the client end (opens odd stream ids: 3, 5, 7, ...).</summary>
    public static SmuxSession Client(Stream transport, SmuxConfig? config = null, TimeProvider? timeProvider = null) =>
        new(transport, isClient: true, config, timeProvider);

    /// <summary>Starts the server end (opens even stream ids: 2, 4, ...).</summary>
    public static SmuxSession Server(Stream transport, SmuxConfig? config = null, TimeProvider? timeProvider = null) =>
        new(transport, isClient: false, config, timeProvider);

    public SmuxConfig Config { get; }

    public bool IsClient { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Completes when the session has ended and its loops have stopped (see remarks).</summary>
    public Task Completion => _completion.Task;

    /// <summary>Streams currently known to the session (opened or accepted and not yet disposed).</summary>
    public int StreamCount
    {
        get
        {
            lock (_streamsGate)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>Frames received so far (tests wait on it instead of sleeping).</summary>
    internal long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Keepalive checks that found the session alive (tests wait on it instead of sleeping).</summary>
    internal int KeepAliveChecks => Volatile.Read(ref _keepAliveChecks);

    internal bool IsReceiveStalled => _receiveBudget.IsExhausted;

    /// <summary>Opens a stream: allocates the next id and sends SYN.</summary>
    /// <exception cref="StreamException">The session is closed or its stream ids are exhausted.</exception>
    public async Task<SmuxStream> OpenStreamAsync(CancellationToken cancellationToken = default)
    {
        SmuxStream stream;
        lock (_streamsGate)
        {
            ThrowIfClosed(0);
            if (_nextStreamId > uint.MaxValue - 2)
            {
                throw new StreamException(0, "smux stream ids are exhausted; open a new session");
            }

            _nextStreamId += 2;
            stream = new SmuxStream(this, _nextStreamId);
            _streams.Add(stream.Id, stream);
        }

        try
        {
            await SendAsync(SmuxFrameHeader.Control(SmuxCommand.Syn, stream.Id), default, isControl: true, cancellationToken);
        }
        catch
        {
            Forget(stream);
            throw;
        }

        return stream;
    }

    /// <summary>The next stream the peer opened, or null once the session has closed.</summary>
    public async ValueTask<SmuxStream?> AcceptStreamAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (await _accepted.Reader.WaitToReadAsync(cancellationToken))
            {
                // Streams still queued when the session closed are already dead: don't hand them out.
                if (IsClosed)
                {
                    break;
                }

                if (_accepted.Reader.TryRead(out var stream))
                {
                    return stream;
                }
            }
        }
        catch (ChannelClosedException)
        {
        }

        return null;
    }

    /// <summary>Closes the session at once: every stream fails its pending and later I/O.</summary>
    public async ValueTask DisposeAsync()
    {
        Close(null);
        await _loopsEnded;
    }

    /// <summary>
    /// Queues one frame for the send loop and waits until it is copied into the send batch (not until it
    /// reached the peer). Used by streams for PSH/FIN and by the session for SYN.
    /// </summary>
    internal async Task SendAsync(
        SmuxFrameHeader header,
        ReadOnlyMemory<byte> payload,
        bool isControl,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfClosed(header.StreamId);
        var request = new SmuxSendRequest(header, payload, callerWaits: true);
        _sendQueue.Enqueue(request, isControl);
        if (IsClosed)
        {
            // Close may have drained the queue just before our request went in.
            _sendQueue.FailAll(ClosedError(header.StreamId));
        }

        await using var registration = cancellationToken.Register(
            static state =>
            {
                var (pending, token) = ((SmuxSendRequest, CancellationToken))state!;
                pending.Cancel(token);
            },
            (request, cancellationToken));
        await request.Copied;
    }

    internal void ReturnReceiveBudget(int bytes) => _receiveBudget.Return(bytes);

    internal void OnStreamDisposed(SmuxStream stream, bool sendFin)
    {
        Forget(stream);
        if (sendFin && !IsClosed)
        {
            // Dispose cannot wait: FIN has no payload to protect, so the send loop sends it when it gets there.
            _sendQueue.Enqueue(new SmuxSendRequest(SmuxFrameHeader.Control(SmuxCommand.Fin, stream.Id), default, callerWaits: false), isControl: false);
        }
    }

    internal void SendNop()
    {
        // At most one NOP in the queue: if the send loop is stuck, piling more up helps nobody.
        var previous = Volatile.Read(ref _pendingNop);
        if (previous is not null && previous.IsPending)
        {
            return;
        }

        var nop = new SmuxSendRequest(SmuxFrameHeader.Control(SmuxCommand.Nop, 0), default, callerWaits: false);
        Volatile.Write(ref _pendingNop, nop);
        _sendQueue.Enqueue(nop, isControl: true);
    }

    /// <summary>True when any frame arrived since the previous call.</summary>
    internal bool TakeReceivedSinceCheck() => Interlocked.Exchange(ref _receivedSinceCheck, 0) != 0;

    internal void OnKeepAliveCheckPassed() => Interlocked.Increment(ref _keepAliveChecks);

    /// <summary>Ends the session once; the first reason wins. Null means an orderly end.</summary>
    internal void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _closeReason = reason;
        _lifetime.Cancel();
        _accepted.Writer.TryComplete();
        SmuxStream[] streams;
        lock (_streamsGate)
        {
            streams = [.. _streams.Values];
            _streams.Clear();
        }

        foreach (var stream in streams)
        {
            stream.OnSessionClosed(reason);
        }

        _sendQueue.FailAll(ClosedError(0));
        try
        {
            // Unblocks a transport read or write that ignores cancellation.
            _transport.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(_transport, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, leaveOpen: true));
        Exception? failure = null;
        try
        {
            while (true)
            {
                await _receiveBudget.WaitUntilAvailableAsync(cancellationToken);
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var needMoreBytes = false;
                try
                {
                    while (!_receiveBudget.IsExhausted)
                    {
                        if (!SmuxFrame.TryReadFrame(ref buffer, out var header, out var payload))
                        {
                            needMoreBytes = true;
                            break;
                        }

                        await HandleFrameAsync(header, payload, cancellationToken);
                    }
                }
                finally
                {
                    // Stopped for budget: the rest is unexamined, so the next read returns it without waiting.
                    if (needMoreBytes)
                    {
                        reader.AdvanceTo(buffer.Start, buffer.End);
                    }
                    else
                    {
                        reader.AdvanceTo(buffer.Start);
                    }
                }

                if (result.IsCompleted && needMoreBytes)
                {
                    if (!buffer.IsEmpty)
                    {
                        failure = new ProtocolException(ProtocolError.Truncated, $"transport ended inside an smux frame ({buffer.Length} bytes left)");
                    }

                    break;
                }
            }
        }
        catch (Exception e) when (IsClosed)
        {
            // Closing disposed the transport or cancelled us: whatever the read threw is a consequence.
            _ = e;
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            await reader.CompleteAsync();
            Close(failure);
        }
    }

    private async ValueTask HandleFrameAsync(SmuxFrameHeader header, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _framesReceived);
        Volatile.Write(ref _receivedSinceCheck, 1);
        switch (header.Command)
        {
            case SmuxCommand.Syn:
                var opened = TryRegisterPeerStream(header.StreamId);
                if (opened is not null && !_accepted.Writer.TryWrite(opened))
                {
                    // Backlog full: like smux, stop reading until the application accepts.
                    await _accepted.Writer.WriteAsync(opened, cancellationToken);
                }

                break;
            case SmuxCommand.Fin:
                FindStream(header.StreamId)?.OnPeerFin();
                break;
            case SmuxCommand.Psh when header.Length > 0:
                // Frames for unknown or closed streams are dropped without charging the budget.
                var target = FindStream(header.StreamId);
                if (target is not null)
                {
                    _receiveBudget.Take(header.Length);
                    if (!target.TryPush(payload))
                    {
                        _receiveBudget.Return(header.Length);
                    }
                }

                break;
            default:
                // NOP, or an empty PSH: only proves the peer is alive.
                break;
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var batch = new byte[Math.Max(MinWriteBatchSize, SmuxFrame.HeaderLength + Config.MaxFrameSize)];
        Exception? failure = null;
        try
        {
            while (true)
            {
                var request = await _sendQueue.DequeueAsync(cancellationToken);
                var used = 0;
                while (true)
                {
                    // Make room before claiming: nothing may await between TryTake and MarkCopied, or a
                    // failed write would leave the request's caller waiting forever.
                    if (request.IsPending && used + request.FrameLength > batch.Length)
                    {
                        await WriteBatchAsync(batch.AsMemory(0, used), cancellationToken);
                        used = 0;
                    }

                    if (request.TryTake())
                    {
                        SmuxFrame.WriteHeader(request.Header, batch.AsSpan(used));
                        request.Payload.Span.CopyTo(batch.AsSpan(used + SmuxFrame.HeaderLength));
                        used += request.FrameLength;
                        request.MarkCopied();
                    }

                    // Coalesce whatever is already queued into one transport write.
                    if (!_sendQueue.TryDequeue(out var next))
                    {
                        break;
                    }

                    request = next;
                }

                if (used > 0)
                {
                    await WriteBatchAsync(batch.AsMemory(0, used), cancellationToken);
                }
            }
        }
        catch (Exception e) when (IsClosed)
        {
            _ = e;
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            Close(failure);
        }
    }

    private async ValueTask WriteBatchAsync(ReadOnlyMemory<byte> frames, CancellationToken cancellationToken)
    {
        await _transport.WriteAsync(frames, cancellationToken);
        await _transport.FlushAsync(cancellationToken);
    }

    private async Task CompleteWhenLoopsEndAsync(Task receiveLoop, Task sendLoop, Task keepAlive)
    {
        // The loops catch everything themselves and report through Close.
        await Task.WhenAll(receiveLoop, sendLoop, keepAlive).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _sendQueue.Dispose();
        if (_closeReason is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(_closeReason);
        }
    }

    private SmuxStream? TryRegisterPeerStream(uint streamId)
    {
        lock (_streamsGate)
        {
            if (IsClosed || _streams.ContainsKey(streamId))
            {
                return null;
            }

            var stream = new SmuxStream(this, streamId);
            _streams.Add(streamId, stream);
            return stream;
        }
    }

    private SmuxStream? FindStream(uint streamId)
    {
        lock (_streamsGate)
        {
            return _streams.GetValueOrDefault(streamId);
        }
    }

    private void Forget(SmuxStream stream)
    {
        lock (_streamsGate)
        {
            _streams.Remove(stream.Id);
        }
    }

    private void ThrowIfClosed(uint streamId)
    {
        if (IsClosed)
        {
            throw ClosedError(streamId);
        }
    }

    private StreamException ClosedError(uint streamId) =>
        new(streamId, "the smux session is closed", _closeReason);
}
