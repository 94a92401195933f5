using System.Diagnostics;
using EcsOps.Sandbox.Containers;

namespace EcsOps.Sandbox.Tests.Agent.Support;

/// <summary>One process of <see cref="PipeProcessHost"/>: stdin, stdout (and stderr unless "PTY") as pipes.</summary>
public sealed class PipeProcess(Process process, bool pty) : IContainerProcess
{
    private int _disposed;

    public int ProcessId { get; } = process.Id;

    public Stream Input => process.StandardInput.BaseStream;

    public Stream Output => process.StandardOutput.BaseStream;

    public Stream? Error => pty ? null : process.StandardError.BaseStream;

    /// <summary>The last size the agent asked for (a pipe has no window to resize).</summary>
    public (int Columns, int Rows)? LastSize { get; private set; }

    /// <summary>Signals delivered so far.</summary>
    public IReadOnlyList<ContainerSignal> Signals => _signals;

    private readonly List<ContainerSignal> _signals = [];

    public bool HasExited => process.HasExited;

    public void Resize(int columns, int rows) => LastSize = (columns, rows);

    public void Signal(ContainerSignal signal)
    {
        lock (_signals)
        {
            _signals.Add(signal);
        }

        if (process.HasExited)
        {
            return;
        }

        if (signal is ContainerSignal.Kill or ContainerSignal.Terminate)
        {
            process.Kill(entireProcessTree: true);
            return;
        }

        var name = signal == ContainerSignal.Quit ? "-QUIT" : "-INT";
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { name, ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        kill?.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
