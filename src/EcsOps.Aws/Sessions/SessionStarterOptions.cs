using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Transport;

namespace EcsOps.Aws.Sessions;

/// <summary>Settings of the data channels a <see cref="SessionStarter"/> opens.</summary>
public sealed record SessionStarterOptions
{
    public static SessionStarterOptions Default { get; } = new();

    public DataChannelOptions DataChannel { get; init; } = DataChannelOptions.Default;

    public WebSocketConnectorOptions WebSocket { get; init; } = WebSocketConnectorOptions.Default;
}
