namespace EcsOps.Protocol.Sessions;

/// <summary>What <see cref="AgentSessionStream.ReadInputAsync"/> does with each kind of client input. Unset handlers ignore it.</summary>
public sealed class AgentInputHandlers
{
    /// <summary>Keyboard bytes (decrypted) for the process or pty.</summary>
    public Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? Input { get; init; }

    /// <summary>The terminal was resized.</summary>
    public Func<TerminalSize, CancellationToken, ValueTask>? Resize { get; init; }

    /// <summary>A Flag message arrived (values outside <see cref="SessionFlag"/> are passed on as they are).</summary>
    public Func<SessionFlag, CancellationToken, ValueTask>? Flag { get; init; }

    /// <summary>A signal byte arrived, when <see cref="SignalsOnly"/> is set.</summary>
    public Func<TerminalSignal, CancellationToken, ValueTask>? Signal { get; init; }

    /// <summary>
    /// NonInteractiveCommands: input is not passed on; only 0x03 (Interrupt) and 0x1c (Quit) count, as
    /// signals for the process (fact sheet §6.1).
    /// </summary>
    public bool SignalsOnly { get; init; }
}
