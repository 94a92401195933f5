using System.Net.Sockets;
using System.Net.WebSockets;

namespace EcsOps.Protocol.Transport;

/// <summary>
/// Opens a <see cref="ClientWebSocket"/> over a TCP connection of our own wrapped in a <see cref="CoalescingStream"/>,
/// so that a data channel can put a burst of frames (data and acks) on the connection in one write. TLS, proxies and
/// the upgrade itself stay with the HTTP stack, layered on top of that stream as usual.
/// </summary>
public static class CoalescingWebSocketDialer
{
    /// <summary>Connects <paramref name="socket"/> to <paramref name="uri"/>; returns the stream under it.</summary>
    public static async Task<CoalescingStream> ConnectAsync(ClientWebSocket socket, Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        CoalescingStream? connection = null;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await tcp.ConnectAsync(context.DnsEndPoint, token);
                }
                catch
                {
                    tcp.Dispose();
                    throw;
                }

                connection = new CoalescingStream(new NetworkStream(tcp, ownsSocket: true));
                return connection;
            },
        };
        using var invoker = new HttpMessageInvoker(handler);
        await socket.ConnectAsync(uri, invoker, cancellationToken);
        return connection ?? throw new InvalidOperationException("the websocket connected without opening a connection");
    }
}
