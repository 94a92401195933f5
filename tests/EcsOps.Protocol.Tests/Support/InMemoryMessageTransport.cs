using System.Collections.Concurrent;
using System.Threading.Channels;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Tests.Support;

/// <summary>
/// One end of an in-memory, message-oriented link (what a websocket is to the data channel). Messages
/// are copied on send. <see cref="Break"/> fails both ends like a dropped TCP connection;
/// <see cref="CloseAsync"/> is an orderly close that the peer sees as null after draining.
/// </summary>
internal sealed class InMemoryMessageTransport : IMessageTransport
{
    // Not SingleReader: that variant cannot report Count, which WaitForReceiverIdleAsync needs.
    private readonly Channel<TransportMessage> _inbox = Channel.CreateUnbounded<TransportMessage>();
    private readonly Lock _idleLock = new();
    private readonly ConcurrentQueue<int> _writes = new();
    private InMemoryMessageTransport _peer = null!;
    private bool _receiverIdle;
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _sendClosed;

    private InMemoryMessageTransport()
    {
    }

    public static (InMemoryMessageTransport A, InMemoryMessageTransport B) CreatePair()
    {
        var a = new InMemoryMessageTransport();
        var b = new InMemoryMessageTransport();
        a._peer = b;
        b._peer = a;
        return (a, b);
    }

    public bool IsBroken { get; private set; }

    /// <summary>How many messages each send of this end put on the link at once, oldest first (SendAsync: 1).</summary>
    public IReadOnlyCollection<int> Writes => _writes;

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, TransportMessageKind kind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Put(message, kind);
        _writes.Enqueue(1);
        return ValueTask.CompletedTask;
    }

    public ValueTask SendManyAsync(IReadOnlyList<byte[]> messages, TransportMessageKind kind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var message in messages)
        {
            Put(message, kind);
        }

        _writes.Enqueue(messages.Count);
        return ValueTask.CompletedTask;
    }

    /// <summary>Forgets the writes recorded so far.</summary>
    public void ClearWrites() => _writes.Clear();

    public async ValueTask<TransportMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_inbox.Reader.TryRead(out var message))
            {
                return message;
            }

            MarkIdle(true);
            bool more;
            try
            {
                more = await _inbox.Reader.WaitToReadAsync(cancellationToken);
            }
            catch (TransportException)
            {
                throw;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new TransportException("the in-memory link broke", isTransient: true, ex);
            }
            finally
            {
                MarkIdle(false);
            }

            if (!more)
            {
                return null;
            }
        }
    }

    /// <summary>Takes a message that is already queued, without waiting.</summary>
    public bool TryReceive(out TransportMessage message) => _inbox.Reader.TryRead(out message);

    /// <summary>
    /// Completes when this end's reader waits on an empty inbox: everything sent to it so far was
    /// taken and handled by the loop that reads it.
    /// </summary>
    public Task WaitForReceiverIdleAsync()
    {
        lock (_idleLock)
        {
            return _receiverIdle && _inbox.Reader.Count == 0 ? Task.CompletedTask : _idle.Task;
        }
    }

    /// <summary>Orderly close: the peer reads what is queued, then null.</summary>
    public Task CloseAsync(CancellationToken cancellationToken)
    {
        _sendClosed = true;
        _peer._inbox.Writer.TryComplete();
        return Task.CompletedTask;
    }

    /// <summary>Fails both ends: pending and future receives and sends throw <see cref="TransportException"/>.</summary>
    public void Break()
    {
        IsBroken = true;
        _peer.IsBroken = true;
        _inbox.Writer.TryComplete(new TransportException("the in-memory link broke", isTransient: true));
        _peer._inbox.Writer.TryComplete(new TransportException("the in-memory link broke", isTransient: true));
    }

    public ValueTask DisposeAsync()
    {
        _sendClosed = true;
        _inbox.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private void Put(ReadOnlyMemory<byte> message, TransportMessageKind kind)
    {
        if (_sendClosed || !_peer._inbox.Writer.TryWrite(new TransportMessage(kind, message.ToArray())))
        {
            throw new TransportException("the in-memory link is down", isTransient: true);
        }
    }

    private void MarkIdle(bool idle)
    {
        TaskCompletionSource? fired = null;
        lock (_idleLock)
        {
            _receiverIdle = idle;
            if (idle && _inbox.Reader.Count == 0)
            {
                fired = _idle;
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        fired?.TrySetResult();
    }
}
