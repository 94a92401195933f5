using System.Collections.Concurrent;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Tests.Support;

/// <summary>
/// A stand-in for the message gateway between a client and an agent data channel. Each end has its
/// own in-memory connection to the gateway, so one end can be disconnected while the other keeps its
/// socket, as with the real service. The gateway consumes each connection's OpenDataChannel TEXT frame
/// and relays binary frames through a <see cref="LossyLink"/> per direction. Frames headed for an end
/// that is between connections are lost, which the channels' retransmission must repair.
/// </summary>
internal sealed class LossyGateway : IAsyncDisposable
{
    private readonly Side _client;
    private readonly Side _agent;
    private readonly CancellationTokenSource _stop = new();

    public LossyGateway(LinkFaults clientToAgent, LinkFaults agentToClient, int seed)
    {
        _client = new Side("client", new LossyLink(clientToAgent, seed));
        _agent = new Side("agent", new LossyLink(agentToClient, seed + 1));
        ClientConnector = new Connector(this, _client, _agent);
        AgentConnector = new Connector(this, _agent, _client);
    }

    public IDataChannelConnector ClientConnector { get; }

    public IDataChannelConnector AgentConnector { get; }

    public LossyLink ClientToAgent => _client.Outbound;

    public LossyLink AgentToClient => _agent.Outbound;

    /// <summary>OpenDataChannel frames received from the client, one per connection, in order.</summary>
    public IReadOnlyCollection<OpenDataChannelRequest> ClientOpens => _client.Opens;

    public IReadOnlyCollection<OpenDataChannelRequest> AgentOpens => _agent.Opens;

    /// <summary>Drops the client's current connection as a network failure would.</summary>
    public void DisconnectClient() => _client.Current?.Break();

    public void DisconnectAgent() => _agent.Current?.Break();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Current?.Break();
        _agent.Current?.Break();
        _stop.Dispose();
    }

    private DataChannelConnection Connect(Side side, Side other)
    {
        var (endpointEnd, gatewayEnd) = InMemoryMessageTransport.CreatePair();
        var token = $"{side.Name}-token-{Interlocked.Increment(ref side.Connections)}";
        side.Current = gatewayEnd;
        _ = RelayAsync(side, other, gatewayEnd, token);
        return new DataChannelConnection(endpointEnd, token);
    }

    private async Task RelayAsync(Side side, Side other, InMemoryMessageTransport from, string token)
    {
        try
        {
            var first = await from.ReceiveAsync(_stop.Token);
            if (first is not { Kind: TransportMessageKind.Text } open)
            {
                from.Break();
                return;
            }

            var request = OpenDataChannelRequest.Parse(open.Payload.Span);
            side.Opens.Enqueue(request);
            if (request.TokenValue != token)
            {
                from.Break();
                return;
            }

            while (await from.ReceiveAsync(_stop.Token) is { } message)
            {
                if (message.Kind != TransportMessageKind.Binary)
                {
                    continue;
                }

                foreach (var frame in side.Outbound.Process(message.Payload.ToArray()))
                {
                    if (other.Current is { IsBroken: false } to)
                    {
                        try
                        {
                            await to.SendAsync(frame, TransportMessageKind.Binary, CancellationToken.None);
                        }
                        catch (TransportException)
                        {
                            // The other end is between connections: the frame is lost.
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is TransportException or OperationCanceledException or ProtocolException)
        {
            // This connection is over; the end reconnects through its connector.
        }
    }

    private sealed class Side(string name, LossyLink outbound)
    {
        public int Connections;

        public string Name { get; } = name;

        public LossyLink Outbound { get; } = outbound;

        public ConcurrentQueue<OpenDataChannelRequest> Opens { get; } = new();

        public volatile InMemoryMessageTransport? Current;
    }

    private sealed class Connector(LossyGateway gateway, Side side, Side other) : IDataChannelConnector
    {
        public Task<DataChannelConnection> ConnectAsync(bool resume, CancellationToken cancellationToken) =>
            Task.FromResult(gateway.Connect(side, other));
    }
}
