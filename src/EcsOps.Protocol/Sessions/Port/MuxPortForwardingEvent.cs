namespace EcsOps.Protocol.Sessions.Port;

/// <summary>
/// One event of a multiplexed port session, for the caller to render or log; the protocol layer prints
/// nothing itself. Callbacks run on the session's loops: they must be quick, and exceptions they throw
/// are ignored.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="StreamId">The smux stream concerned, or 0.</param>
/// <param name="Peer">Client: the local connection's remote address, when known.</param>
/// <param name="BytesSent">Bytes moved from the local side (client) or destination (agent) into the tunnel.</param>
/// <param name="BytesReceived">Bytes moved from the tunnel to the local side (client) or destination (agent).</param>
/// <param name="Error">Why the connection or dial failed, when it did.</param>
/// <param name="CutBySessionEnd">ConnectionClosed: the session ended while the connection was still open.</param>
public sealed record MuxPortForwardingEvent(
    MuxPortForwardingEventKind Kind,
    uint StreamId = 0,
    string? Peer = null,
    long BytesSent = 0,
    long BytesReceived = 0,
    Exception? Error = null,
    bool CutBySessionEnd = false);
