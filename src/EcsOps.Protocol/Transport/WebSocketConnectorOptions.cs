namespace EcsOps.Protocol.Transport;

/// <summary>Settings of <see cref="WebSocketConnector"/>.</summary>
public sealed record WebSocketConnectorOptions
{
    public static WebSocketConnectorOptions Default { get; } = new();

    /// <summary>Interval of websocket PING frames (the plugin pings every 5 min, the agent every 54 s).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A PING unanswered this long aborts the socket, so a silently dead path is noticed.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for the upgrade handshake (the plugin's dialer uses 45 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Largest message accepted from the peer.</summary>
    public int MaxMessageSize { get; init; } = WebSocketMessageTransport.DefaultMaxMessageSize;
}
