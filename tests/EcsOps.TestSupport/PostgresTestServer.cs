using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EcsOps.TestSupport;

/// <summary>
/// A private PostgreSQL cluster for tests: <c>initdb</c> into a temporary directory, <c>postgres</c> on a free port
/// of 127.0.0.1 (and a Unix socket in that directory), trust authentication for the superuser <see cref="User"/>,
/// fsync off. When the test process runs as root, the server runs as the <c>postgres</c> OS user (it refuses root),
/// through <c>runuser</c>. Binaries: <c>ECSOPS_PG_BINDIR</c>, else the newest <c>/usr/lib/postgresql/*/bin</c>
/// (Debian's <c>postgresql-15</c>), else PATH. Missing binaries are an error with what to install, never a skip.
/// Dispose stops the server (immediate mode) and deletes the directory.
/// </summary>
public sealed class PostgresTestServer : IAsyncDisposable
{
    /// <summary>The superuser the cluster is created with.</summary>
    public const string User = "ecsops";

    private const string ServerAccount = "postgres";

    private readonly string _binDirectory;
    private readonly string? _runuser;
    private int _databases;

    /// <param name="runuser">The runuser binary when the tools must run as the server account; null to run them directly.</param>
    private PostgresTestServer(string binDirectory, string? runuser, string directory, int port)
    {
        _binDirectory = binDirectory;
        _runuser = runuser;
        Directory = directory;
        Port = port;
    }

    /// <summary>Holds the data directory, the socket and the server log.</summary>
    public string Directory { get; }

    public int Port { get; }

    private string DataDirectory => Path.Combine(Directory, "data");

    /// <summary>Creates and starts a cluster.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or the cluster would not start.</exception>
    public static async Task<PostgresTestServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory();
        var runuser = Environment.IsPrivilegedProcess
            ? ExternalProcess.Find("runuser", "/usr/sbin/runuser", "/sbin/runuser")
              ?? throw new InvalidOperationException("running as root, PostgreSQL must run as the 'postgres' user, but runuser (util-linux) is missing")
            : null;
        var directory = System.IO.Directory.CreateTempSubdirectory("ecsops-pg-").FullName;
        try
        {
            if (runuser is not null)
            {
                await ExternalProcess.RunAsync("chown", [$"{ServerAccount}:{ServerAccount}", directory], cancellationToken);
            }

            var server = new PostgresTestServer(bin, runuser, directory, FreePort());
            await server.RunToolAsync(
                "initdb", ["-D", server.DataDirectory, "-U", User, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], cancellationToken);
            await server.StartServerAsync(cancellationToken);
            return server;
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> as <see cref="User"/> over TCP.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database, Pooling = true }.ToString();

    /// <summary>Creates an empty database with a fresh name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..24];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }
        finally
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var options = $"-p {Port} -k {Directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        try
        {
            await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(Directory, "server.log"), "-o", options, "-w", "-t", "60", "start"], cancellationToken);
        }
        catch (InvalidOperationException error)
        {
            var log = File.Exists(Path.Combine(Directory, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(Directory, "server.log"), cancellationToken) : "";
            throw new InvalidOperationException($"{error.Message}; server log: {log.Trim()}", error);
        }
    }

    private Task<string> RunToolAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, tool);
        return _runuser is not null
            ? ExternalProcess.RunAsync(_runuser, ["-u", ServerAccount, "--", path, .. arguments], cancellationToken)
            : ExternalProcess.RunAsync(path, arguments, cancellationToken);
    }

    private static string FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("ECSOPS_PG_BINDIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        var debian = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return debian
            ?? (ExternalProcess.Find("initdb") is { } initdb ? Path.GetDirectoryName(initdb)! : null)
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found: install the Debian package postgresql-15 "
                + "(it is in .ci/apt-packages) or set ECSOPS_PG_BINDIR");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
