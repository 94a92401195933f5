using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// One agent-side connection to the forwarding destination, with its pump that sends what the
/// destination writes to the client as Output messages.
/// </summary>
internal sealed class DestinationConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly CancellationTokenSource _stop;

    private DestinationConnection(Stream stream, CancellationTokenSource stop, SessionDataSender sender)
    {
        _stream = stream;
        _stop = stop;
        Pump = PumpAsync(sender);
    }

    /// <summary>Completes when the destination closed or failed; faults only when sending to the channel failed.</summary>
    public Task Pump { get; }

    public static async Task<DestinationConnection> OpenAsync(
        Func<CancellationToken, Task<Stream>> dial, SessionDataSender sender, CancellationToken cancellationToken)
    {
        var stream = await dial(cancellationToken);
        return new DestinationConnection(stream, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken), sender);
    }

    /// <summary>Writes client bytes to the destination; false when it is gone.</summary>
    public async Task<bool> TryWriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (Pump.IsCompleted)
        {
            return false;
        }

        try
        {
            await _stream.WriteAsync(data, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _stream.DisposeAsync();
        try
        {
            await Pump;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(SessionDataSender sender)
    {
        var token = _stop.Token;
        var buffer = new byte[ClientMessageCodec.StreamPayloadSize];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, token)) > 0)
            {
                await sender.SendAsync(PayloadType.Output, buffer.AsMemory(0, read), token);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException
            || (ex is OperationCanceledException && token.IsCancellationRequested))
        {
            // The destination closed or we closed it: the connection is over, the session is not.
        }
    }
}
