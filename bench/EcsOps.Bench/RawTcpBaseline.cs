using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EcsOps.Bench;

/// <summary>Raw loopback TCP throughput: the baseline every transfer benchmark is compared against.</summary>
internal static class RawTcpBaseline
{
    /// <returns>Megabytes per second for <paramref name="totalBytes"/> sent one way over 127.0.0.1.</returns>
    public static async Task<double> MeasureAsync(long totalBytes, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, cancellationToken);
        using var server = await listener.AcceptTcpClientAsync(cancellationToken);

        var stopwatch = Stopwatch.StartNew();
        var send = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            Random.Shared.NextBytes(buffer);
            var stream = client.GetStream();
            for (long sent = 0; sent < totalBytes; sent += buffer.Length)
            {
                var count = (int)Math.Min(buffer.Length, totalBytes - sent);
                await stream.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
            }

            client.Client.Shutdown(SocketShutdown.Send);
        }, cancellationToken);

        var received = 0L;
        var readBuffer = new byte[64 * 1024];
        var serverStream = server.GetStream();
        int read;
        while ((read = await serverStream.ReadAsync(readBuffer, cancellationToken)) > 0)
        {
            received += read;
        }

        await send;
        return received / stopwatch.Elapsed.TotalSeconds / 1e6;
    }
}
