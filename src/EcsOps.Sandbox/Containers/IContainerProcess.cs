namespace EcsOps.Sandbox.Containers;

/// <summary>Signals the exec agent delivers to a container process (fact sheet §6.1).</summary>
public enum ContainerSignal
{
    Interrupt,
    Quit,
    Terminate,
    Kill,
}

/// <summary>
/// A real local process started for a session. With a PTY, <see cref="Output"/> is the terminal's master
/// side (stdout and stderr together) and <see cref="Error"/> is null; without, they are the two pipes.
/// </summary>
public interface IContainerProcess : IAsyncDisposable
{
    int ProcessId { get; }

    /// <summary>The process's stdin (or the PTY master for writing).</summary>
    Stream Input { get; }

    /// <summary>The process's stdout (or the PTY master for reading). Reads return 0 once it is closed.</summary>
    Stream Output { get; }

    /// <summary>The process's stderr, or null for a PTY process.</summary>
    Stream? Error { get; }

    /// <summary>Changes the PTY's window size (TIOCSWINSZ); ignored without a PTY.</summary>
    void Resize(int columns, int rows);

    void Signal(ContainerSignal signal);

    /// <summary>The exit code; 128 + signal number when the process was killed by a signal, as a shell reports it.</summary>
    Task<int> WaitForExitAsync(CancellationToken cancellationToken);
}
