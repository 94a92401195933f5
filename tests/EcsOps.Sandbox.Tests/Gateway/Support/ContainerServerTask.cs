using System.Net;
using System.Net.Sockets;
using EcsOps.Sandbox.Containers;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>
/// A task of the dev account's web family, run with RunTask, whose container is a small TCP server in python3
/// listening on its container port 80 (the loopback port in $PORT, which the runtime picked). It is ready once it
/// has connected back to the test after listening, so nothing polls the port. Disposing stops the task.
/// </summary>
public sealed class ContainerServerTask : IAsyncDisposable
{
    /// <summary>The container port the server listens on (the web family's portMappings).</summary>
    public const int ContainerPort = 80;

    /// <summary>The file in the container's working directory that <see cref="FileSender"/> serves.</summary>
    public const string PayloadFile = "payload";

    /// <summary>Echoes every connection until the peer closes it.</summary>
    public const string EchoServer = """
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

    /// <summary>Sends <see cref="PayloadFile"/> to every connection, then closes it first.</summary>
    public const string FileSender = """
        import os, socket, sys

        server = socket.create_server(("127.0.0.1", int(os.environ["PORT"])))
        socket.create_connection(("127.0.0.1", int(sys.argv[1]))).close()
        while True:
            connection, _ = server.accept()
            with connection, open("payload", "rb") as payload:
                connection.sendall(payload.read())
        """;

    private readonly SessionSandbox _sandbox;

    private ContainerServerTask(SessionSandbox sandbox, string taskId, ContainerContext container)
    {
        _sandbox = sandbox;
        TaskId = taskId;
        Container = container;
    }

    public string TaskId { get; }

    public ContainerContext Container { get; }

    /// <summary>The SSM target of the server's container.</summary>
    public string Target => _sandbox.TargetOf(SessionSandbox.WebCluster, TaskId);

    /// <summary>Where container port 80 really is: a loopback port other than 80.</summary>
    public int LoopbackPort => Container.LoopbackPorts[ContainerPort];

    /// <summary>Runs <paramref name="script"/> (<see cref="EchoServer"/> or <see cref="FileSender"/>) and waits until it listens.</summary>
    public static async Task<ContainerServerTask> RunAsync(SessionSandbox sandbox, string script)
    {
        using var ready = new TcpListener(IPAddress.Loopback, 0);
        ready.Start();
        var readyPort = ((IPEndPoint)ready.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var taskId = await sandbox.RunTaskAsync("web", new Dictionary<string, string[]> { ["app"] = ["python3", "-c", script, readyPort] });
        var task = new ContainerServerTask(sandbox, taskId, sandbox.ContainerOf(sandbox.TargetOf(SessionSandbox.WebCluster, taskId)));
        try
        {
            using var listening = await ready.AcceptSocketAsync(TestDeadline.Token()).WithinTestDeadline();
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
