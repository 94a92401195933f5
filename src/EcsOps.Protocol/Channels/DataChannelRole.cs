namespace EcsOps.Protocol.Channels;

/// <summary>
/// Which end of the session this channel is. The client sends <c>input_stream_data</c> and receives
/// <c>output_stream_data</c>; the agent the reverse. Everything else is the same code.
/// </summary>
public enum DataChannelRole
{
    Client,
    Agent,
}
