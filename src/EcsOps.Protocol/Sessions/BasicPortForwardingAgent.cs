using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// The agent side of a basic-mode Port session (fact sheet §7.2). It dials the destination at once,
/// forwards Output messages to it and its bytes back, closes it on Flag DisconnectToPort and re-dials on
/// the next client data, and ends on Flag TerminateSession or when the channel ends.
/// </summary>
public sealed class BasicPortForwardingAgent
{
    private readonly Func<CancellationToken, Task<Stream>> _dialDestination;
    private readonly bool _endWhenDestinationCloses;
    private readonly SessionDataSender _sender;
    private readonly SessionDataReader _reader;

    /// <param name="channel">The agent end of the data channel, after the handshake.</param>
    /// <param name="dialDestination">Opens a connection to the destination (e.g. localhost:portNumber).</param>
    /// <param name="endWhenDestinationCloses">
    /// True for sessions without <c>type</c> (stdin/stdout forwarding, SSH): the destination closing ends the
    /// session. False for LocalPortForwarding: it is closed and re-dialled on the next client data.
    /// </param>
    public BasicPortForwardingAgent(
        IStreamDataChannel channel, Func<CancellationToken, Task<Stream>> dialDestination, bool endWhenDestinationCloses = false)
    {
        if (channel.Role != DataChannelRole.Agent)
        {
            throw new ArgumentException("a port agent needs the agent end of the channel", nameof(channel));
        }

        _dialDestination = dialDestination;
        _endWhenDestinationCloses = endWhenDestinationCloses;
        _sender = new SessionDataSender(channel, cipher: null);
        _reader = new SessionDataReader(channel, cipher: null);
    }

    /// <summary>Forwards until the session ends, and says why it ended.</summary>
    /// <exception cref="ProtocolException">A malformed Flag payload.</exception>
    /// <remarks>A failing dial propagates its own exception and ends the session.</remarks>
    public async Task<BasicPortForwardingEnd> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var destination = await DestinationConnection.OpenAsync(_dialDestination, _sender, stop.Token);
        Task<StreamData?>? receive = null;
        try
        {
            while (true)
            {
                receive ??= _reader.ReceiveAsync(stop.Token).AsTask();
                if (destination is not null && await Task.WhenAny(receive, destination.Pump) != receive)
                {
                    await destination.Pump;
                    await destination.DisposeAsync();
                    destination = null;
                    if (_endWhenDestinationCloses)
                    {
                        return BasicPortForwardingEnd.DestinationClosed;
                    }

                    continue;
                }

                var message = await receive;
                receive = null;
                if (message is not { } data)
                {
                    return BasicPortForwardingEnd.ChannelEnded;
                }

                switch (data.PayloadType)
                {
                    case PayloadType.Output when !data.Payload.IsEmpty:
                        destination = await WriteToDestinationAsync(destination, data.Payload, stop.Token);
                        break;

                    case PayloadType.Flag:
                        var flag = SessionFlagPayload.Decode(data.Payload.Span);
                        if (flag == SessionFlag.TerminateSession)
                        {
                            return BasicPortForwardingEnd.TerminatedByClient;
                        }

                        if (flag == SessionFlag.DisconnectToPort && destination is not null)
                        {
                            await destination.DisposeAsync();
                            destination = null;
                        }

                        break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            if (receive is not null)
            {
                await Task.WhenAny(receive);
            }

            if (destination is not null)
            {
                await destination.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Writes to the open destination, dialling a new one when there is none or it has gone. Returns the
    /// connection now in use, or null when even a fresh one hung up at once (the bytes had nowhere to go).
    /// </summary>
    private async Task<DestinationConnection?> WriteToDestinationAsync(
        DestinationConnection? destination, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (destination is not null && await destination.TryWriteAsync(data, cancellationToken))
        {
            return destination;
        }

        if (destination is not null)
        {
            await destination.DisposeAsync();
        }

        var fresh = await DestinationConnection.OpenAsync(_dialDestination, _sender, cancellationToken);
        if (await fresh.TryWriteAsync(data, cancellationToken))
        {
            return fresh;
        }

        await fresh.DisposeAsync();
        return null;
    }
}
