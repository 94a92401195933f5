using System.Diagnostics;
using EcsOps.TestSupport;

namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// Starts the real <c>ecsops</c> (<c>dotnet ecsops.dll</c>, built next to the tests) with a private environment:
/// the sandbox's AWS variables, and HOME, XDG directories and the working directory in a temporary directory, so
/// no ~/.aws file, ecsops.yaml or discovery cache of the machine takes part.
/// </summary>
public sealed class EcsOpsProcess : IAsyncDisposable
{
    /// <summary>How long one ecsops run may take before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly Task<byte[]> _stdout;
    private readonly Task<string> _stderr;

    private EcsOpsProcess(Process process, bool captureStdout)
    {
        _process = process;
        _stdout = captureStdout ? ReadAllAsync(process.StandardOutput.BaseStream) : Task.FromResult(Array.Empty<byte>());
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "ecsops.dll");

    public Process Process => _process;

    /// <summary>Stdin of the process; close it to send EOF.</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>Stdout, for tests that read it while the process runs (then it is not captured).</summary>
    public StreamReader StandardOutput => _process.StandardOutput;

    /// <summary>Starts ecsops; stdin, stdout and stderr are pipes.</summary>
    /// <param name="captureStdout">False leaves stdout to the caller (<see cref="StandardOutput"/>).</param>
    public static EcsOpsProcess Start(
        IReadOnlyDictionary<string, string> environment, string workingDirectory, IEnumerable<string> arguments, bool captureStdout = true)
    {
        var start = IsolatedProcess.StartInfo("dotnet", [DllPath, .. arguments], environment, workingDirectory);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet " + DllPath);
        return new EcsOpsProcess(process, captureStdout);
    }

    /// <summary>Waits for the exit (within <see cref="Deadline"/>) and returns what the process wrote.</summary>
    public async Task<CliResult> WaitAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ecsops did not finish within {Deadline}; stderr so far is lost");
        }

        return new CliResult(_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>Sends a POSIX signal (SIGINT = 2, SIGTERM = 15) to the process.</summary>
    public void Signal(int signal)
    {
        if (Native.Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed");
        }
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

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static class Native
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}
