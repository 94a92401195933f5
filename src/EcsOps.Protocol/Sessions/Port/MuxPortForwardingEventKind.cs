namespace EcsOps.Protocol.Sessions.Port;

/// <summary>What happened on a multiplexed port session (see <see cref="MuxPortForwardingEvent"/>).</summary>
public enum MuxPortForwardingEventKind
{
    /// <summary>Client: a local connection was accepted (<see cref="MuxPortForwardingEvent.Peer"/> is its address).</summary>
    ConnectionAccepted,

    /// <summary>A forwarded connection ended; byte counts and the failure, if any, are set.</summary>
    ConnectionClosed,

    /// <summary>Client: no smux stream could be opened for a local connection (the session is gone).</summary>
    ConnectionFailed,

    /// <summary>Client: the agent reported Flag ConnectToPortError ("Connection to destination port failed").</summary>
    ConnectToPortError,

    /// <summary>Agent: dialing the destination for a stream failed; ConnectToPortError was sent.</summary>
    DestinationDialFailed,

    /// <summary>Agent: the client sent Flag TerminateSession; the session is ending.</summary>
    TerminatedByClient,
}
