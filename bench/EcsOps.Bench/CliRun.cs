namespace EcsOps.Bench;

/// <summary>What one finished process run produced, and how long it took from start to exit.</summary>
internal sealed record CliRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>Throws unless the run exited 0, quoting what it printed.</summary>
    public CliRun EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} exited {ExitCode}: {StandardError.Trim()}");
}
