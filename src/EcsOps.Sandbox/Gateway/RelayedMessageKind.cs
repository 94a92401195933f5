namespace EcsOps.Sandbox.Gateway;

/// <summary>What the gateway needs to know about a BINARY frame before relaying it verbatim.</summary>
internal enum RelayedMessageKind
{
    /// <summary>Not a ClientMessage header at all; dropped.</summary>
    Invalid,

    /// <summary>input_stream_data or output_stream_data: end-to-end data, counts as session activity.</summary>
    StreamData,

    /// <summary>acknowledge: end-to-end, relayed.</summary>
    Acknowledge,

    /// <summary>agent_session_state: for the service only, never relayed.</summary>
    AgentSessionState,

    /// <summary>channel_closed, start_publication, pause_publication: only the service sends these; dropped from peers.</summary>
    ServiceOnly,

    /// <summary>Any other type: relayed as it is, like the service does with what it does not interpret.</summary>
    Other,
}
