namespace EcsOps.Protocol.Smux;

/// <summary>
/// One smux stream failed (its session ended under it, or it was used after a half-close). Other streams
/// of a healthy session are unaffected. An <see cref="IOException"/> so stream copy loops treat it like a
/// broken socket.
/// </summary>
public sealed class StreamException : IOException
{
    public StreamException(uint streamId, string message, Exception? inner = null)
        : base(message, inner) => StreamId = streamId;

    public StreamException() : this(0, "smux stream failed") { }

    public StreamException(string message) : this(0, message) { }

    public StreamException(string message, Exception inner) : this(0, message, inner) { }

    /// <summary>The smux stream id, or 0 when not tied to one stream.</summary>
    public uint StreamId { get; }
}
