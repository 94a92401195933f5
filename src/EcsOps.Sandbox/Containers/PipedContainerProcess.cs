using System.Runtime.InteropServices;
using EcsOps.Sandbox.Containers.Native;

namespace EcsOps.Sandbox.Containers;

/// <summary>
/// A process with separate stdin, stdout and stderr pipes, for non-interactive commands and containers' main
/// processes. It leads a new session, so signals reach its whole process group and disposal sweeps everything
/// it started.
/// </summary>
internal sealed class PipedContainerProcess : IContainerProcess
{
    private readonly ChildProcess _child;
    private readonly DescriptorStream? _input;
    private readonly DescriptorStream _output;
    private readonly DescriptorStream _error;

    private PipedContainerProcess(ChildProcess child, DescriptorStream? input, DescriptorStream output, DescriptorStream error)
    {
        _child = child;
        _input = input;
        _output = output;
        _error = error;
    }

    public int ProcessId => _child.Id;

    /// <summary>The stdin pipe; <see cref="Stream.Null"/> when the process was started with /dev/null as stdin.</summary>
    public Stream Input => _input ?? Stream.Null;

    public Stream Output => _output;
    public Stream? Error => _error;

    /// <summary>Starts the process; with <paramref name="withInput"/> false its stdin is /dev/null.</summary>
    public static PipedContainerProcess Start(
        string executable, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, string workingDirectory, bool withInput)
    {
        var parentEnds = new List<int>();
        var childEnds = new List<int>();
        try
        {
            int? inputRead = null;
            int? inputWrite = null;
            if (withInput)
            {
                (inputRead, inputWrite) = OpenPipe(parentEnds, childEnds, parentReads: false);
            }

            var (outputRead, outputWrite) = OpenPipe(parentEnds, childEnds, parentReads: true);
            var (errorRead, errorWrite) = OpenPipe(parentEnds, childEnds, parentReads: true);
            var pid = PosixSpawner.Spawn(new SpawnRequest(
                executable, argv, environment, workingDirectory, new ChildStdio.Pipes(inputRead, outputWrite, errorWrite)));
            var child = ChildProcess.Watch(pid);
            parentEnds.Clear();
            return new PipedContainerProcess(
                child,
                inputWrite is { } write ? new DescriptorStream(write, FileAccess.Write) : null,
                new DescriptorStream(outputRead, FileAccess.Read),
                new DescriptorStream(errorRead, FileAccess.Read));
        }
        finally
        {
            foreach (var fd in childEnds.Concat(parentEnds))
            {
                LibC.Close(fd);
            }
        }
    }

    /// <summary>No PTY: nothing to resize.</summary>
    public void Resize(int columns, int rows)
    {
    }

    public void Signal(ContainerSignal signal)
    {
        if (!_child.Exited.IsCompleted)
        {
            _child.SignalGroup(ContainerSignals.Number(signal));
        }
    }

    public Task<int> WaitForExitAsync(CancellationToken cancellationToken) => _child.Exited.WaitAsync(cancellationToken);

    /// <summary>Kills whatever is left of the session and reaps the process, leaving the pipes open to drain.</summary>
    public Task TerminateSessionAsync() => _child.TerminateAsync();

    /// <summary>Kills whatever is left of the session, reaps the process and closes the pipes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _child.TerminateAsync();
        _input?.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    /// <summary>A close-on-exec pipe; returns (read end, write end) and records which end the child gets.</summary>
    private static unsafe (int Read, int Write) OpenPipe(List<int> parentEnds, List<int> childEnds, bool parentReads)
    {
        var fds = stackalloc int[2];
        if (LibC.Pipe2(fds, LibC.O_CLOEXEC) != 0)
        {
            throw new ContainerProcessStartException("pipe2 failed: " + LibC.Describe(Marshal.GetLastPInvokeError()));
        }

        (parentReads ? parentEnds : childEnds).Add(fds[0]);
        (parentReads ? childEnds : parentEnds).Add(fds[1]);
        return (fds[0], fds[1]);
    }
}
