using System.Buffers;
using System.Net.Sockets;
using EcsOps.Protocol.Smux;

namespace EcsOps.Protocol.Sessions.Port;

/// <summary>
/// Copies one connection both ways between an endpoint (local socket on the client, destination on the
/// agent) and its smux stream. Used by both roles. End of input in one direction is passed on as a
/// half-close (FIN towards the tunnel, socket shutdown towards the endpoint); the connection ends when both
/// directions are done, or at the first failure, which stops the other direction too.
/// </summary>
internal static class MuxConnectionPump
{
    // One endpoint read fills at most one default-size PSH frame.
    private const int CopyBufferSize = 32 * 1024;

    public static async Task<MuxConnectionResult> RunAsync(Stream endpoint, SmuxStream tunnel, CancellationToken cancellationToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var toTunnel = CopyAsync(endpoint, tunnel, () => tunnel.CloseWriteAsync(abort.Token), abort);
        var fromTunnel = CopyAsync(tunnel, endpoint, () => ShutdownWrite(endpoint), abort);
        var (sent, sendError) = await toTunnel;
        var (received, receiveError) = await fromTunnel;
        await tunnel.DisposeAsync();
        await endpoint.DisposeAsync();
        return new MuxConnectionResult(sent, received, sendError ?? receiveError);
    }

    private static async Task<(long Bytes, Exception? Error)> CopyAsync(
        Stream source,
        Stream destination,
        Func<Task> onSourceEnded,
        CancellationTokenSource abort)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        long total = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, CopyBufferSize), abort.Token)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), abort.Token);
                total += read;
            }

            await onSourceEnded();
            return (total, null);
        }
        catch (Exception e)
        {
            // One direction broke, so the connection is over: stop the other direction as well.
            await abort.CancelAsync();
            return (total, e is OperationCanceledException ? null : e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Task ShutdownWrite(Stream endpoint)
    {
        if (endpoint is NetworkStream { Socket.Connected: true } network)
        {
            try
            {
                network.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // The peer is already gone; the other direction will notice.
            }
        }

        return Task.CompletedTask;
    }
}
