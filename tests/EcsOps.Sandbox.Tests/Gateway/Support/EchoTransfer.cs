using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>Sends random bytes through a connection to an echo server and reads them back, comparing SHA-256.</summary>
public static class EchoTransfer
{
    /// <summary>Writes <paramref name="length"/> random bytes while reading the echo; returns (sent, received) digests in hex.</summary>
    /// <param name="sent">Completed once the bytes written pass <paramref name="signalAt"/>.</param>
    /// <param name="deadline">How long the whole round trip may take; <see cref="TestDeadline.Default"/> when null.</param>
    public static async Task<(string Sent, string Received)> RoundTripAsync(
        Stream connection, int length, int seed, int signalAt = -1, TaskCompletionSource? sent = null, TimeSpan? deadline = null)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        using var timeout = new CancellationTokenSource(deadline ?? TestDeadline.Default);
        var token = timeout.Token;
        var writer = Task.Run(async () =>
        {
            const int Chunk = 16 * 1024;
            for (var offset = 0; offset < length; offset += Chunk)
            {
                await connection.WriteAsync(data.AsMemory(offset, Math.Min(Chunk, length - offset)), token);
                if (signalAt >= 0 && offset + Chunk >= signalAt)
                {
                    sent?.TrySetResult();
                }
            }

            await connection.FlushAsync(token);
        }, token);

        using var received = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        var total = 0;
        while (total < length)
        {
            var read = await connection.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, length - total)), token);
            if (read == 0)
            {
                throw new EndOfStreamException($"the echo ended after {total} of {length} bytes");
            }

            received.AppendData(buffer, 0, read);
            total += read;
        }

        await writer;
        return (Convert.ToHexString(SHA256.HashData(data)), Convert.ToHexString(received.GetHashAndReset()));
    }

    /// <summary>A connected pair of loopback TCP streams: what an app would hold, and what the forwarder serves.</summary>
    public static async Task<(Stream App, Stream Forwarded)> LoopbackPairAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var app = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await app.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        var forwarded = await listener.AcceptSocketAsync();
        return (new NetworkStream(app, ownsSocket: true), new NetworkStream(forwarded, ownsSocket: true));
    }
}
