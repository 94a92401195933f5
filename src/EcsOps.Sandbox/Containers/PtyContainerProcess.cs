using EcsOps.Sandbox.Containers.Native;

namespace EcsOps.Sandbox.Containers;

/// <summary>
/// A process on a real PTY: it leads a new session with the slave as its controlling terminal, so tty, stty,
/// job control and Ctrl-C behave as in a terminal. <see cref="IContainerProcess.Input"/> and
/// <see cref="IContainerProcess.Output"/> are both the master, through separate descriptors: disposing the input
/// does not end the output.
/// </summary>
internal sealed class PtyContainerProcess : IContainerProcess
{
    private readonly Pseudoterminal _terminal;
    private readonly ChildProcess _child;

    private PtyContainerProcess(Pseudoterminal terminal, ChildProcess child)
    {
        _terminal = terminal;
        _child = child;
    }

    public int ProcessId => _child.Id;
    public Stream Input => _terminal.Keyboard;
    public Stream Output => _terminal.Master;
    public Stream? Error => null;

    /// <summary>Opens a PTY of the given size and starts the process on it.</summary>
    public static PtyContainerProcess Start(
        string executable, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, string workingDirectory, int columns, int rows)
    {
        var terminal = Pseudoterminal.Open(columns, rows);
        try
        {
            var pid = PosixSpawner.Spawn(new SpawnRequest(executable, argv, environment, workingDirectory, new ChildStdio.Terminal(terminal.SlavePath)));
            return new PtyContainerProcess(terminal, ChildProcess.Watch(pid));
        }
        catch
        {
            terminal.Dispose();
            throw;
        }
    }

    public void Resize(int columns, int rows) => _terminal.Resize(columns, rows);

    /// <summary>Signals the terminal's foreground job, as the key would; the session leader's group when there is none.</summary>
    public void Signal(ContainerSignal signal)
    {
        if (_child.Exited.IsCompleted)
        {
            return;
        }

        ChildProcess.SignalGroup(_terminal.ForegroundProcessGroup() ?? _child.Id, ContainerSignals.Number(signal));
    }

    public Task<int> WaitForExitAsync(CancellationToken cancellationToken) => _child.Exited.WaitAsync(cancellationToken);

    /// <summary>Kills whatever is left of the session, reaps the process and closes the terminal.</summary>
    public async ValueTask DisposeAsync()
    {
        await _child.TerminateAsync();
        _terminal.Dispose();
    }
}
