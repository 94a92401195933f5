namespace EcsOps.Protocol.Sessions;

/// <summary>Values of a Flag message (PayloadType 10, fact sheet §7.4).</summary>
public enum SessionFlag : uint
{
    /// <summary>Client, basic port mode: the local connection closed; the agent closes its destination.</summary>
    DisconnectToPort = 1,

    /// <summary>Client: end the port session (Ctrl-C).</summary>
    TerminateSession = 2,

    /// <summary>Agent, mux port mode: dialling the destination failed.</summary>
    ConnectToPortError = 3,
}
