using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Transport;

namespace EcsOps.Sandbox.Agent;

/// <summary>
/// The agent's socket, shared by its data channel and the agent itself: sends are serialised so that the
/// agent can write <c>agent_session_state</c> (a message the data channel has no API for) between the
/// channel's own frames.
/// </summary>
internal sealed class AgentControlTransport(IMessageTransport inner) : IMessageTransport
{
    private readonly SemaphoreSlim _sending = new(1, 1);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, TransportMessageKind kind, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await inner.SendAsync(message, kind, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask SendManyAsync(IReadOnlyList<byte[]> messages, TransportMessageKind kind, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await inner.SendManyAsync(messages, kind, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Sends one agent_session_state message to the service.</summary>
    public ValueTask SendSessionStateAsync(string sessionId, string state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payload = new Gateway.AgentSessionStatePayload(1, state, sessionId).ToJson();
        var header = new ClientMessageHeader(
            MessageType.AgentSessionState, 0, ClientMessageHeader.FlagSyn | ClientMessageHeader.FlagFin, Guid.NewGuid(),
            PayloadType.None, (ulong)now.ToUnixTimeMilliseconds());
        return SendAsync(ClientMessageCodec.Encode(header, payload), TransportMessageKind.Binary, cancellationToken);
    }

    public ValueTask<TransportMessage?> ReceiveAsync(CancellationToken cancellationToken) => inner.ReceiveAsync(cancellationToken);

    public Task CloseAsync(CancellationToken cancellationToken) => inner.CloseAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        _sending.Dispose();
    }
}
