using System.Net.Sockets;
using EcsOps.TestSupport;

namespace EcsOps.Cli.Tests.Support;

/// <summary>A TCP echo server on 127.0.0.1 (port 0): every connection gets its bytes back, and a FIN for a FIN.</summary>
public sealed class EchoServer : IAsyncDisposable
{
    private readonly LoopbackServer _server = new(EchoAsync);

    public int Port => _server.Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => _server.Connections;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static async Task EchoAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        await stream.CopyToAsync(stream, cancellationToken);
        stream.Socket.Shutdown(SocketShutdown.Send);
    }
}
