namespace EcsOps.Protocol.Sessions.Port;

/// <summary>
/// Values of a PayloadType.Flag message on a port session (fact sheet §7.4). The payload is the value as
/// a 4-byte big-endian uint32 (<see cref="MuxPortFlagPayload"/>).
/// </summary>
public enum MuxPortFlag : uint
{
    /// <summary>Client, basic mode only: the local connection closed; the agent drops its destination connection.</summary>
    DisconnectToPort = 1,

    /// <summary>Client: end the port session (Ctrl-C); sent without waiting for its ack.</summary>
    TerminateSession = 2,

    /// <summary>Agent, mux mode: dialing the destination for a new stream failed.</summary>
    ConnectToPortError = 3,
}
