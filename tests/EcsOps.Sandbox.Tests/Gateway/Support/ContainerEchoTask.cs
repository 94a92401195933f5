using System.Net;
using System.Net.Sockets;
using EcsOps.Sandbox.Containers;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>
/// A task of the dev account's web family, run with RunTask, whose container is a TCP echo server in python3
/// listening on its container port 80 (the loopback port in $PORT, which the runtime picked). It is ready once
/// it has connected back to the test after listening, so nothing polls the port. Disposing stops the task.
/// </summary>
public sealed class ContainerEchoTask : IAsyncDisposable
{
    /// <summary>The container port the echo server listens on (the web family's portMappings).</summary>
    public const int ContainerPort = 80;

    private const string EchoServer = """
        import os, socket, sys, threading

        def echo(connection):
            with connection:
                while True:
                    data = connection.recv(65536)
                    if not data:
                        return
                    connection.sendall(data)

        server = socket.create_server(("127.0.0.1", int(os.environ["PORT"])))
        socket.create_connection(("127.0.0.1", int(sys.argv[1]))).close()
        while True:
            connection, _ = server.accept()
            threading.Thread(target=echo, args=(connection,), daemon=True).start()
        """;

    private readonly SessionSandbox _sandbox;

    private ContainerEchoTask(SessionSandbox sandbox, string taskId, ContainerContext container)
    {
        _sandbox = sandbox;
        TaskId = taskId;
        Container = container;
    }

    public string TaskId { get; }

    public ContainerContext Container { get; }

    /// <summary>The SSM target of the echo container.</summary>
    public string Target => _sandbox.TargetOf(SessionSandbox.WebCluster, TaskId);

    /// <summary>Where container port 80 really is: a loopback port other than 80.</summary>
    public int LoopbackPort => Container.LoopbackPorts[ContainerPort];

    public static async Task<ContainerEchoTask> RunAsync(SessionSandbox sandbox)
    {
        using var ready = new TcpListener(IPAddress.Loopback, 0);
        ready.Start();
        var readyPort = ((IPEndPoint)ready.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var taskId = await sandbox.RunTaskAsync("web", new Dictionary<string, string[]> { ["app"] = ["python3", "-c", EchoServer, readyPort] });
        var task = new ContainerEchoTask(sandbox, taskId, sandbox.ContainerOf(sandbox.TargetOf(SessionSandbox.WebCluster, taskId)));
        try
        {
            using var listening = await ready.AcceptSocketAsync(TestDeadline.Token()).WithinDeadline();
            return task;
        }
        catch
        {
            await task.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _sandbox.StopTaskAsync(TaskId);
}
