using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace EcsOps.TestSupport.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster from the Debian packages (<c>postgresql-15</c>): initdb in a temporary directory,
/// started on a free loopback port with password (SCRAM) authentication for TCP, stopped and deleted on dispose.
/// When the tests run as root the server runs as the <c>postgres</c> OS user (PostgreSQL refuses root).
/// </summary>
public sealed class PostgresTestServer : IAsyncDisposable
{
    /// <summary>The superuser the cluster is created with.</summary>
    public const string SuperUser = "postgres";

    /// <summary>Where Debian installs the server binaries; <c>ECSOPS_TEST_PG_BIN</c> overrides it.</summary>
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>Server commands run in the C locale, so their messages (and initdb's defaults) do not depend on the machine.</summary>
    private static readonly Dictionary<string, string> s_cLocale = new() { ["LC_ALL"] = "C" };

    private readonly string _root;

    private PostgresTestServer(string root, int port, string password)
    {
        _root = root;
        Port = port;
        Password = password;
    }

    public static string BinDirectory => Environment.GetEnvironmentVariable("ECSOPS_TEST_PG_BIN") is { Length: > 0 } bin ? bin : DefaultBinDirectory;

    /// <summary>True when the server binaries are installed (apt-get install postgresql-15).</summary>
    public static bool IsInstalled => File.Exists(Path.Combine(BinDirectory, "initdb"));

    public int Port { get; }

    /// <summary>The superuser's password (random per server).</summary>
    public string Password { get; }

    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>A <c>postgresql://</c> URL for <paramref name="database"/>, as DATABASE_URL variables hold it.</summary>
    public string Url(string database) =>
        $"postgresql://{SuperUser}:{Uri.EscapeDataString(Password)}@127.0.0.1:{Port}/{Uri.EscapeDataString(database)}";

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
        Pooling = false,
        CommandTimeout = 300,
    }.ConnectionString;

    /// <summary>Creates and starts a cluster.</summary>
    /// <exception cref="InvalidOperationException">The binaries are missing or the server did not start; the message says why.</exception>
    public static async Task<PostgresTestServer> StartAsync(CancellationToken cancellationToken = default)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/initdb missing): apt-get install postgresql-15");
        }

        var root = Directory.CreateTempSubdirectory("ecsops-pg-").FullName;
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        try
        {
            var passwordFile = Path.Combine(root, "password");
            await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken);
            if (RunsAsRoot)
            {
                await RunAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", root], asPostgres: false, cancellationToken);
            }

            await RunAsync(Path.Combine(BinDirectory, "initdb"),
                ["-D", Path.Combine(root, "data"), "-U", SuperUser, "--pwfile", passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                 "-E", "UTF8", "--locale=C", "--no-sync"],
                asPostgres: true, cancellationToken);
            File.Delete(passwordFile);
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                try
                {
                    await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
                        ["-D", Path.Combine(root, "data"), "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
                         "-o", $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"],
                        asPostgres: true, cancellationToken);
                    return new PostgresTestServer(root, port, password);
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    // Another process took the port between our probe and the server's bind; try another.
                }
            }
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync("postgres", $"create database \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken);
    }

    public async Task ExecuteAsync(string database, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<T> ScalarAsync<T>(string database, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return (T)value!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asPostgres: true, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <exception cref="InvalidOperationException">The command failed; the message has its output.</exception>
    private static Task<string> RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken) =>
        asPostgres && RunsAsRoot
            ? ExternalProcess.RunAsync("runuser", ["-u", SuperUser, "--", program, .. arguments], cancellationToken, s_cLocale)
            : ExternalProcess.RunAsync(program, arguments, cancellationToken, s_cLocale);
}
