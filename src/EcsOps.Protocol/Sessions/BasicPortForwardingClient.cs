using System.Threading.Channels;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// The client of a basic-mode Port session (fact sheet §7.2), also used for stdin/stdout forwarding
/// (§7.5): one local connection at a time, its bytes as Output messages both ways. When the local app
/// closes, the agent is told with Flag DisconnectToPort and the next local connection is served on the
/// same channel.
/// </summary>
public sealed class BasicPortForwardingClient
{
    /// <summary>Agent messages buffered while no local connection is open; beyond that the channel holds them.</summary>
    private const int InboundQueueCapacity = 64;

    private readonly IStreamDataChannel _channel;
    private readonly SessionDataSender _sender;
    private readonly SessionDataReader _reader;

    public BasicPortForwardingClient(IStreamDataChannel channel)
    {
        _channel = channel;
        _sender = new SessionDataSender(channel, cipher: null);
        _reader = new SessionDataReader(channel, cipher: null);
    }

    /// <summary>True when the channel ended while a local connection was open (that connection was then closed).</summary>
    public bool ConnectionCutBySessionEnd { get; private set; }

    /// <summary>The text of the service's <c>channel_closed</c>, once the session has ended that way.</summary>
    public string? ClosedOutput => _channel.ClosedBy?.Output;

    /// <summary>
    /// Serves local connections one after another until the channel ends or <paramref name="acceptConnection"/>
    /// returns null. Each connection is disposed when it is done.
    /// </summary>
    /// <remarks>
    /// Bytes the agent sends while no local connection is open go to the next one, as with the plugin
    /// (which leaves them unacknowledged until a connection exists).
    /// </remarks>
    /// <param name="acceptConnection">Waits for the next local connection (e.g. TCP accept); null to stop.</param>
    public async Task RunAsync(Func<CancellationToken, ValueTask<Stream?>> acceptConnection, CancellationToken cancellationToken)
    {
        var inbound = Channel.CreateBounded<ReadOnlyMemory<byte>>(
            new BoundedChannelOptions(InboundQueueCapacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiveLoop = ReceiveLoopAsync(inbound.Writer, stop.Token);
        try
        {
            while (true)
            {
                var accept = acceptConnection(stop.Token).AsTask();
                if (await Task.WhenAny(accept, receiveLoop) != accept)
                {
                    await stop.CancelAsync();
                    await DisposeLateConnectionAsync(accept);
                    break;
                }

                await using var connection = await accept;
                if (connection is null || await ServeConnectionAsync(connection, inbound.Reader, stop.Token) == ConnectionEnd.ChannelEnded)
                {
                    break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(receiveLoop);
        }

        // The channel's own failure, if it failed, is the session's failure.
        await receiveLoop;
    }

    /// <summary>Asks the agent to end the session (Flag TerminateSession, e.g. on Ctrl-C).</summary>
    public ValueTask TerminateSessionAsync(CancellationToken cancellationToken) =>
        _sender.SendFlagAsync(SessionFlag.TerminateSession, cancellationToken);

    private async Task ReceiveLoopAsync(ChannelWriter<ReadOnlyMemory<byte>> inbound, CancellationToken cancellationToken)
    {
        try
        {
            while (await _reader.ReceiveAsync(cancellationToken) is { } message)
            {
                if (message.PayloadType == PayloadType.Output && !message.Payload.IsEmpty)
                {
                    await inbound.WriteAsync(message.Payload, cancellationToken);
                }
            }

            inbound.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            inbound.TryComplete();
        }
        catch (Exception ex)
        {
            inbound.TryComplete(ex);
            throw;
        }
    }

    private async Task<ConnectionEnd> ServeConnectionAsync(
        Stream connection, ChannelReader<ReadOnlyMemory<byte>> inbound, CancellationToken cancellationToken)
    {
        using var connectionStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var uplink = CopyLocalToChannelAsync(connection, connectionStop.Token);
        var downlink = CopyChannelToLocalAsync(inbound, connection, connectionStop.Token);
        var first = await Task.WhenAny(uplink, downlink);
        await connectionStop.CancelAsync();

        var end = first == downlink && downlink.IsCompletedSuccessfully ? downlink.Result : ConnectionEnd.LocalClosed;
        ConnectionCutBySessionEnd = end == ConnectionEnd.ChannelEnded;
        await ObserveAsync(uplink, connectionStop.Token);
        await ObserveAsync(downlink, connectionStop.Token);
        if (end == ConnectionEnd.LocalClosed)
        {
            // The local app and the session may end at the same moment; once the channel is over there is
            // no agent left to tell, and that is not an error of this connection.
            try
            {
                await _sender.SendFlagAsync(SessionFlag.DisconnectToPort, cancellationToken);
            }
            catch (Exception) when (_channel.Completion.IsCompleted)
            {
                return ConnectionEnd.ChannelEnded;
            }
        }

        return end;
    }

    private async Task CopyLocalToChannelAsync(Stream connection, CancellationToken cancellationToken)
    {
        var buffer = new byte[ClientMessageCodec.StreamPayloadSize];
        while (true)
        {
            int read;
            try
            {
                read = await connection.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            await _sender.SendAsync(PayloadType.Output, buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private static async Task<ConnectionEnd> CopyChannelToLocalAsync(
        ChannelReader<ReadOnlyMemory<byte>> inbound, Stream connection, CancellationToken cancellationToken)
    {
        try
        {
            while (await inbound.WaitToReadAsync(cancellationToken))
            {
                while (inbound.TryRead(out var data))
                {
                    await connection.WriteAsync(data, cancellationToken);
                }
            }

            return ConnectionEnd.ChannelEnded;
        }
        catch (IOException)
        {
            return ConnectionEnd.LocalClosed;
        }
    }

    /// <summary>Waits for a pump that was told to stop; its stop and a dead local socket are expected, anything else is not.</summary>
    private static async Task ObserveAsync(Task pump, CancellationToken stopped)
    {
        try
        {
            await pump;
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static async Task DisposeLateConnectionAsync(Task<Stream?> accept)
    {
        try
        {
            if (await accept is { } late)
            {
                await late.DisposeAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private enum ConnectionEnd
    {
        LocalClosed,
        ChannelEnded,
    }
}
