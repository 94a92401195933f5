using System.Diagnostics;
using EcsOps.TestSupport;

namespace EcsOps.Bench.Db;

/// <summary>One run of the real ecsops (<c>dotnet ecsops.dll</c>, built next to the benchmark): exit code, output, wall time, peak memory.</summary>
internal sealed record EcsOpsRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed, long PeakBytes)
{
    public static async Task<EcsOpsRun> StartAsync(
        IReadOnlyDictionary<string, string> environment, string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = IsolatedProcess.StartInfo(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "ecsops.dll"), .. arguments], environment, workingDirectory);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ecsops");
        process.StandardInput.Close();
        await using var memory = new PeakMemorySampler(process.Id);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = stopwatch.Elapsed;
        return new EcsOpsRun(process.ExitCode, await output, await error, elapsed, memory.PeakBytes);
    }

    public EcsOpsRun EnsureSucceeded() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"ecsops exited with {ExitCode}: {StandardError}");
}
