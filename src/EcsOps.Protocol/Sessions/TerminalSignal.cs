namespace EcsOps.Protocol.Sessions;

/// <summary>
/// Signals travel as single Output bytes (fact sheet §6.1). For NonInteractiveCommands the agent turns
/// Interrupt and Quit into SIGINT/SIGQUIT and ignores all other input.
/// </summary>
public enum TerminalSignal : byte
{
    /// <summary>SIGINT, Ctrl-C.</summary>
    Interrupt = 0x03,

    /// <summary>SIGQUIT, Ctrl-\.</summary>
    Quit = 0x1c,

    /// <summary>SIGTSTP, Ctrl-Z (interactive sessions only).</summary>
    Suspend = 0x1a,
}
