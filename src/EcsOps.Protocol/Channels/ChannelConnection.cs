using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Channels;

/// <summary>
/// One socket of a data channel's life. Either loop may find it failed; the first report wins and
/// cancels <see cref="Aborted"/>, which stops the read loop's pending receive so that it reconnects.
/// </summary>
internal sealed class ChannelConnection : IAsyncDisposable
{
    private readonly CancellationTokenSource _aborted;
    private Exception? _failure;

    public ChannelConnection(IMessageTransport transport, CancellationToken lifetime)
    {
        Transport = transport;
        _aborted = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
    }

    public IMessageTransport Transport { get; }

    /// <summary>Cancelled when this connection failed (or the channel ended).</summary>
    public CancellationToken Aborted => _aborted.Token;

    /// <summary>Why the connection was given up, once it was.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Records the first failure and aborts pending I/O; later reports are ignored.</summary>
    public void Fail(Exception failure)
    {
        if (Interlocked.CompareExchange(ref _failure, failure, null) is null)
        {
            try
            {
                _aborted.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already torn down: nothing is pending any more.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transport.DisposeAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A transport that fails while being thrown away has nothing left to tell us.
        }

        _aborted.Dispose();
    }
}
