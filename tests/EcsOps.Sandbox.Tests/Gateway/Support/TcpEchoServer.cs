using System.Net;
using System.Net.Sockets;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>
/// A TCP echo server on 127.0.0.1: every connection gets back what it sends. It counts connections, and lets a
/// test await the moment every connection it accepted is closed again (nothing left dangling by the agent).
/// </summary>
public sealed class TcpEchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Lock _gate = new();
    private int _connections;
    private int _open;
    private TaskCompletionSource _allClosed = Closed();

    public TcpEchoServer()
    {
        _listener.Start();
        _accepting = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Completes once no accepted connection is open any more: whoever dialled has hung up.</summary>
    public Task WaitUntilAllClosedAsync()
    {
        lock (_gate)
        {
            return _allClosed.Task.WithinTestDeadline();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            lock (_gate)
            {
                if (_open++ == 0)
                {
                    _allClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            _ = EchoAsync(socket);
        }
    }

    private async Task EchoAsync(Socket socket)
    {
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_gate)
            {
                if (--_open == 0)
                {
                    _allClosed.TrySetResult();
                }
            }
        }
    }

    private static TaskCompletionSource Closed()
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        closed.SetResult();
        return closed;
    }
}
