namespace EcsOps.Protocol.Sessions;

/// <summary>Why the agent side of a basic-mode Port session ended.</summary>
public enum BasicPortForwardingEnd
{
    /// <summary>The data channel ended (channel_closed or the client went away).</summary>
    ChannelEnded,

    /// <summary>The client sent Flag TerminateSession.</summary>
    TerminatedByClient,

    /// <summary>The destination closed and the session was set to end with it (stdin/stdout forwarding).</summary>
    DestinationClosed,
}
