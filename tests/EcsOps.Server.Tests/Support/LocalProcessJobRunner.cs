using System.Diagnostics;
using EcsOps.Server.Engine;

namespace EcsOps.Server.Tests.Support;

/// <summary>
/// STAND-IN for the runbook engine's runner (not merged yet), used only by tests: runs the runbook's script as a
/// real local process (<c>/bin/sh -c</c>), its parameters as <c>ECSOPS_PARAM_*</c> variables, streams its stdout and
/// stderr line by line, and returns its exit code. Cancelling kills the process.
/// </summary>
public sealed class LocalProcessJobRunner(ScriptRunbookCatalog catalog, IReadOnlyDictionary<string, string> environment) : IJobRunner
{
    public async Task<int> RunAsync(JobRun run, IJobOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(output);
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(catalog.Get(run.Runbook).Script);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ECSOPS_RUN_ID"] = run.RunId;
        start.Environment["ECSOPS_TARGET"] = run.Target;
        start.Environment["ECSOPS_REQUESTER"] = run.Requester;
        foreach (var (name, value) in run.Parameters)
        {
            start.Environment["ECSOPS_PARAM_" + name.ToUpperInvariant()] = value;
        }

        using var process = Process.Start(start) ?? throw new JobRunnerException("could not start /bin/sh");
        var stdout = PumpAsync(process.StandardOutput, OutputStream.Stdout, output);
        var stderr = PumpAsync(process.StandardError, OutputStream.Stderr, output);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        await Task.WhenAll(stdout, stderr);
        return process.ExitCode;
    }

    private static async Task PumpAsync(StreamReader reader, OutputStream stream, IJobOutput output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            output.WriteLine(stream, line);
        }
    }
}
