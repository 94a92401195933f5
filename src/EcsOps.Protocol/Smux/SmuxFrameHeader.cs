namespace EcsOps.Protocol.Smux;

/// <summary>The 8-byte header of one smux frame, one property per wire field.</summary>
/// <param name="Version">Protocol version; always <see cref="SmuxFrame.Version1"/> here.</param>
/// <param name="Command">What the frame does.</param>
/// <param name="Length">Number of payload bytes that follow the header (0 except for PSH).</param>
/// <param name="StreamId">Odd for streams opened by the client, even for the server; 0 for NOP.</param>
public readonly record struct SmuxFrameHeader(byte Version, SmuxCommand Command, ushort Length, uint StreamId)
{
    /// <summary>A payload-less frame of the given command (SYN, FIN, NOP).</summary>
    public static SmuxFrameHeader Control(SmuxCommand command, uint streamId) =>
        new(SmuxFrame.Version1, command, 0, streamId);

    /// <summary>A PSH header announcing <paramref name="length"/> payload bytes.</summary>
    public static SmuxFrameHeader Push(uint streamId, int length) =>
        new(SmuxFrame.Version1, SmuxCommand.Psh, checked((ushort)length), streamId);
}
