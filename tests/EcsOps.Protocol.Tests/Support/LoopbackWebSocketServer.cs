using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace EcsOps.Protocol.Tests.Support;

/// <summary>
/// A real websocket server on 127.0.0.1 (port 0): a TCP listener that answers the HTTP/1.1 upgrade by
/// hand (RFC 6455 §4.2) and wraps the stream with <see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>.
/// Tests see the upgrade request's path and headers.
/// </summary>
internal sealed class LoopbackWebSocketServer : IDisposable
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private const int MaxRequestHeadBytes = 16 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public LoopbackWebSocketServer() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url(string pathAndQuery) => new($"ws://127.0.0.1:{Port}{pathAndQuery}");

    /// <summary>Accepts one connection and completes its upgrade.</summary>
    public async Task<AcceptedWebSocket> AcceptAsync()
    {
        var client = await _listener.AcceptTcpClientAsync(TestDeadline.Token());
        var stream = client.GetStream();
        var head = await ReadRequestHeadAsync(stream);
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var path = lines[0].Split(' ')[1];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

#pragma warning disable CA5350 // RFC 6455 mandates SHA-1 for Sec-WebSocket-Accept; it is not a security use.
        var accept = Convert.ToBase64String(
            SHA1.HashData(Encoding.ASCII.GetBytes(headers["Sec-WebSocket-Key"] + AcceptGuid)));
#pragma warning restore CA5350
        var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                       $"Sec-WebSocket-Accept: {accept}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true });
        return new AcceptedWebSocket(client, socket, path, headers);
    }

    /// <summary>Refuses the next upgrade with an HTTP status.</summary>
    public async Task RefuseAsync(int status)
    {
        using var client = await _listener.AcceptTcpClientAsync(TestDeadline.Token());
        var stream = client.GetStream();
        await ReadRequestHeadAsync(stream);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    }

    /// <summary>Opens a raw TCP connection and performs a client upgrade by hand; returns the stream.</summary>
    public async Task<(TcpClient Client, NetworkStream Stream)> ConnectRawAsync(string pathAndQuery)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:{Port}\r\nUpgrade: websocket\r\n" +
                      $"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var head = await ReadRequestHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        return (client, stream);
    }

    public void Dispose() => _listener.Stop();

    /// <summary>Reads up to and including the blank line, one byte at a time so no frame bytes are consumed.</summary>
    private static async Task<string> ReadRequestHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>(512);
        var one = new byte[1];
        while (head.Count < MaxRequestHeadBytes)
        {
            if (await stream.ReadAsync(one, TestDeadline.Token()) == 0)
            {
                throw new IOException("connection closed during the upgrade");
            }

            head.Add(one[0]);
            if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
            {
                return Encoding.ASCII.GetString([.. head]);
            }
        }

        throw new IOException("upgrade head too long");
    }
}

/// <summary>A server-side websocket accepted by <see cref="LoopbackWebSocketServer"/>.</summary>
internal sealed record AcceptedWebSocket(
    TcpClient Client, WebSocket Socket, string PathAndQuery, IReadOnlyDictionary<string, string> Headers) : IDisposable
{
    public void Dispose()
    {
        Socket.Dispose();
        Client.Dispose();
    }
}
