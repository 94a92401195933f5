using EcsOps.Protocol.Channels;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// The outcome of <see cref="ClientHandshake.RunAsync"/>. When the agent skipped the handshake, the message
/// that told us so is the shell's first output: <see cref="FirstOutput"/> carries it so it is not lost.
/// </summary>
public sealed record ClientHandshakeResult(SessionDescription Session, StreamData? FirstOutput);
