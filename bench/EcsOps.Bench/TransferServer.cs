using System.Buffers.Binary;
using System.Net.Sockets;
using EcsOps.TestSupport;

namespace EcsOps.Bench;

/// <summary>
/// The far end of a forwarded transfer, on 127.0.0.1 (what the container reaches): a sink reads every connection to
/// its end and then closes it; a source reads an 8-byte big-endian length, sends that many bytes and closes.
/// </summary>
internal static class TransferServer
{
    private const int BufferSize = 64 * 1024;

    public static LoopbackServer Sink() => new(DrainAsync);

    public static LoopbackServer Source() => new(SendRequestedAsync);

    private static async Task DrainAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
        {
        }

        stream.Socket.Shutdown(SocketShutdown.Send);
    }

    private static async Task SendRequestedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        await stream.ReadExactlyAsync(buffer.AsMemory(0, 8), cancellationToken);
        var remaining = BinaryPrimitives.ReadInt64BigEndian(buffer);
        Random.Shared.NextBytes(buffer);
        while (remaining > 0)
        {
            var count = (int)Math.Min(buffer.Length, remaining);
            await stream.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
            remaining -= count;
        }

        stream.Socket.Shutdown(SocketShutdown.Send);
    }
}
