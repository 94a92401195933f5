using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using EcsOps.Runbooks.Postgres;

namespace EcsOps.Runbooks.Tests.Postgres;

/// <summary>
/// The remote scripts run by a real /bin/sh against a stand-in pg_restore that records its argv, environment and
/// stdin: the preamble is consumed exactly, the dump after it arrives byte for byte, and secrets stay out of argv.
/// </summary>
public sealed class PostgresScriptsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecsops-scripts-").FullName;

    public PostgresScriptsTests()
    {
        var fake = Path.Combine(_directory, "pg_restore");
        File.WriteAllText(fake, $"""
            #!/bin/sh
            printf '%s\n' "$@" > '{_directory}/argv'
            printf '%s' "${'{'}PGPASSWORD-unset{'}'}|${'{'}PGHOST-unset{'}'}" > '{_directory}/env'
            /bin/cat > '{_directory}/stdin'

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Restore_SettingsFromSecret_ExportedNotInArgvAndDumpArrivesWhole()
    {
        var settings = LibpqSettings.Parse("postgresql://admin:Pa55%20w%24(id)%27%22%60@db.internal:5432/shop");
        var dump = RandomNumberGenerator.GetBytes(300_000);
        var connection = PostgresConnection.FromSettings("db/shop", settings);

        var (status, _) = await RunAsync(PostgresScripts.Restore(connection, clean: true, singleTransaction: false), [.. connection.StdinPreamble(), .. dump], environment: []);

        Assert.Equal(0, status);
        Assert.Equal(dump, await File.ReadAllBytesAsync(Path.Combine(_directory, "stdin")));
        Assert.Equal("Pa55 w$(id)'\"`|db.internal", await File.ReadAllTextAsync(Path.Combine(_directory, "env")));
        var argv = await File.ReadAllTextAsync(Path.Combine(_directory, "argv"));
        Assert.Equal("--no-password\n--exit-on-error\n--clean\n--if-exists\n--dbname=shop\n", argv);
    }

    [Fact]
    public async Task Restore_ContainerVariable_ExpandedIntoDbnameAndDumpArrivesWhole()
    {
        var dump = Encoding.ASCII.GetBytes("\n\nPGDMP\nnot a line=\n");
        var connection = PostgresConnection.FromContainerVariable("APP_DB");

        var (status, _) = await RunAsync(
            PostgresScripts.Restore(connection, clean: false, singleTransaction: true), [.. connection.StdinPreamble(), .. dump],
            environment: new() { ["APP_DB"] = "postgresql://u@h/app" });

        Assert.Equal(0, status);
        Assert.Equal(dump, await File.ReadAllBytesAsync(Path.Combine(_directory, "stdin")));
        Assert.Equal("--no-password\n--exit-on-error\n--single-transaction\n--dbname=postgresql://u@h/app\n", await File.ReadAllTextAsync(Path.Combine(_directory, "argv")));
    }

    [Fact]
    public async Task Restore_VariableUnset_MarkerAndStatusWithoutRunningTheTool()
    {
        var connection = PostgresConnection.FromContainerVariable("APP_DB");

        var (status, errors) = await RunAsync(PostgresScripts.Restore(connection, false, false), connection.StdinPreamble(), environment: []);

        Assert.Equal(PostgresScripts.MissingVariableStatus, status);
        Assert.Equal($"{PostgresScripts.MissingVariableMarker} APP_DB\n", errors);
        Assert.False(File.Exists(Path.Combine(_directory, "argv")));
    }

    [Fact]
    public async Task Dump_ToolMissing_MarkerAndStatus127()
    {
        var connection = PostgresConnection.FromContainerVariable("APP_DB");

        var (status, errors) = await RunAsync(PostgresScripts.Dump(connection), connection.StdinPreamble(), environment: new() { ["APP_DB"] = "x" });

        Assert.Equal(PostgresScripts.MissingToolStatus, status);
        Assert.Equal($"{PostgresScripts.MissingToolMarker} pg_dump\n", errors);
    }

    [Fact]
    public async Task Restore_PreambleWithANonLibpqVariable_RefusedBeforeAnythingRuns()
    {
        var connection = PostgresConnection.FromSettings("s", LibpqSettings.Parse("postgresql://u:p@h/d"));

        var (status, _) = await RunAsync(PostgresScripts.Restore(connection, false, false), "LD_PRELOAD=/tmp/evil.so\n\n"u8.ToArray(), environment: []);

        Assert.Equal(2, status);
        Assert.False(File.Exists(Path.Combine(_directory, "argv")));
    }

    [Fact]
    public void ContainerVariable_NotAShellName_Refused()
    {
        Assert.Throws<ArgumentException>(() => PostgresConnection.FromContainerVariable("DB;rm -rf /"));
        Assert.Throws<ArgumentException>(() => PostgresConnection.FromContainerVariable("1DB"));
    }

    private async Task<(int Status, string Errors)> RunAsync(IReadOnlyList<string> argv, byte[] stdin, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(argv[0]) { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        // Only the stand-in: the scripts themselves must get by with shell builtins.
        start.Environment["PATH"] = _directory;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The script exited before reading everything; its status tells why.
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token);
        await output;
        return (process.ExitCode, await errors);
    }
}
