namespace EcsOps.Protocol.Transport;

/// <summary>
/// The connection under the data channel failed. <see cref="IsTransient"/> tells the channel whether a
/// reconnect (ResumeSession and a new socket) can help; it decides on that property, never on text.
/// </summary>
public sealed class TransportException : Exception
{
    public TransportException(string message, bool isTransient, Exception? inner = null)
        : base(message, inner) => IsTransient = isTransient;

    public TransportException() : this("transport failed", isTransient: true) { }

    public TransportException(string message) : this(message, isTransient: true) { }

    public TransportException(string message, Exception inner) : this(message, isTransient: true, inner) { }

    public bool IsTransient { get; }
}
