using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Streams;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// Write-only <see cref="Stream"/> over a session payload type, so process output can be piped with
/// <see cref="Stream.CopyToAsync(Stream)"/>. Only the asynchronous write path is supported.
/// </summary>
internal sealed class SessionWriteStream : WriteOnlyStream
{
    private readonly SessionDataSender _sender;
    private readonly PayloadType _payloadType;

    public SessionWriteStream(SessionDataSender sender, PayloadType payloadType)
    {
        _sender = sender;
        _payloadType = payloadType;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _sender.SendAsync(_payloadType, buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Blocking writes would block a thread on the channel's flow control; use WriteAsync.</summary>
    public override void Write(ReadOnlySpan<byte> buffer) =>
        throw new NotSupportedException("session streams are written asynchronously; use WriteAsync");
}
