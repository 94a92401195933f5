namespace EcsOps.Protocol;

/// <summary>What was wrong with bytes received from the peer.</summary>
public enum ProtocolError
{
    Truncated,
    Oversized,
    BadHeaderLength,
    BadMessageType,
    BadCreatedDate,
    DigestMismatch,
    BadPayload,
    HandshakeFailed,
    UnsupportedSession,
    BadSmuxFrame,
}

/// <summary>
/// The peer sent something the protocol does not allow. A malformed single message is dropped by the
/// data channel (the sender retransmits); a violation at session level ends the session.
/// </summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException(ProtocolError error, string message)
        : base(message) => Error = error;

    public ProtocolException(ProtocolError error, string message, Exception inner)
        : base(message, inner) => Error = error;

    public ProtocolException() : this(ProtocolError.BadPayload, "protocol error") { }

    public ProtocolException(string message) : this(ProtocolError.BadPayload, message) { }

    public ProtocolException(string message, Exception inner) : this(ProtocolError.BadPayload, message, inner) { }

    public ProtocolError Error { get; }
}
