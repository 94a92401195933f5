using System.Diagnostics;
using EcsOps.TestSupport;

namespace EcsOps.Bench;

/// <summary>
/// A process a CLI benchmark runs: the real <c>ecsops</c> (the AOT binary when scripts/publish-aot.sh has built one,
/// else <c>dotnet ecsops.dll</c> built next to the benchmarks) or another program such as /usr/bin/aws, with a given
/// environment only (no AWS_, ECSOPS_ or XDG_ variables of the machine).
/// </summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _elapsed;
    private readonly Task<string> _stderr;

    private CliProcess(Process process, Stopwatch elapsed)
    {
        _process = process;
        _elapsed = elapsed;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The AOT-compiled ecsops, if one was published; null otherwise.</summary>
    public static string? AotBinary =>
        Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } path && File.Exists(path) ? Path.GetFullPath(path) : null;

    /// <summary>Names the ecsops binary to run instead of <c>dotnet ecsops.dll</c> (the one scripts/publish-aot.sh builds).</summary>
    public const string BinaryVariable = "ECSOPS_BENCH_BINARY";

    /// <summary>How ecsops is started, for the report.</summary>
    public static string EcsOpsDescription => AotBinary is not null
        ? $"the NativeAOT binary from scripts/publish-aot.sh ({Environment.GetEnvironmentVariable(BinaryVariable)})"
        : "dotnet ecsops.dll (JIT; no AOT binary was given)";

    public StreamReader StandardOutput => _process.StandardOutput;

    /// <summary>CPU time (user and system) the process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static CliProcess StartEcsOps(IReadOnlyDictionary<string, string> environment, string workingDirectory, IEnumerable<string> arguments)
    {
        var (program, prefix) = AotBinary is { } aot ? (aot, Array.Empty<string>()) : ("dotnet", [Path.Combine(AppContext.BaseDirectory, "ecsops.dll")]);
        return Start(program, prefix.Concat(arguments), environment, workingDirectory);
    }

    public static CliProcess Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = IsolatedProcess.StartInfo(program, arguments, environment, workingDirectory);
        var elapsed = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        return new CliProcess(process, elapsed);
    }

    /// <summary>Runs a program to its end (ecsops when <paramref name="program"/> is "ecsops").</summary>
    public static async Task<CliRun> RunAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory,
        CancellationToken cancellationToken)
    {
        await using var process = program == "ecsops"
            ? StartEcsOps(environment, workingDirectory, arguments)
            : Start(program, arguments, environment, workingDirectory);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        return await process.WaitAsync(await stdout, cancellationToken);
    }

    /// <summary>Reads stdout to its end, counting bytes, then waits for the exit.</summary>
    public async Task<(CliRun Run, long Bytes)> CountStandardOutputAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var total = 0L;
        int read;
        while ((read = await _process.StandardOutput.BaseStream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return (await WaitAsync("", cancellationToken), total);
    }

    /// <summary>Sends SIGTERM and waits for the exit.</summary>
    public async Task<CliRun> StopAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
        }

        return await WaitAsync("", cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<CliRun> WaitAsync(string stdout, CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        var elapsed = _elapsed.Elapsed;
        return new CliRun(_process.ExitCode, stdout, await _stderr, elapsed);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
