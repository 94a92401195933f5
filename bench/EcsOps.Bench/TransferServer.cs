using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace EcsOps.Bench;

/// <summary>
/// The far end of a forwarded transfer, on 127.0.0.1 (what the container reaches): a sink reads every connection to
/// its end and then closes it; a source reads an 8-byte big-endian length, sends that many bytes and closes.
/// </summary>
internal sealed class TransferServer : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _isSource;
    private readonly Task _acceptLoop;

    private TransferServer(bool isSource)
    {
        _isSource = isSource;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static TransferServer Sink() => new(isSource: false);

    public static TransferServer Source() => new(isSource: true);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                connections.Add(ServeAsync(socket));
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var buffer = new byte[BufferSize];
        try
        {
            if (_isSource)
            {
                await stream.ReadExactlyAsync(buffer.AsMemory(0, 8), _stop.Token);
                var remaining = BinaryPrimitives.ReadInt64BigEndian(buffer);
                Random.Shared.NextBytes(buffer);
                while (remaining > 0)
                {
                    var count = (int)Math.Min(buffer.Length, remaining);
                    await stream.WriteAsync(buffer.AsMemory(0, count), _stop.Token);
                    remaining -= count;
                }
            }
            else
            {
                while (await stream.ReadAsync(buffer, _stop.Token) > 0)
                {
                }
            }

            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException)
        {
            // The benchmark ended or the forward broke; the client side reports it.
        }
    }
}
