namespace EcsOps.Sandbox.Gateway;

/// <summary>How the message gateway (the sandbox's ssmmessages) treats data-channel sockets and sessions.</summary>
public sealed record GatewayOptions
{
    /// <summary>SSM's default idle session timeout (fact sheet §6.3).</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(20);

    /// <summary>The text of channel_closed when a session ends for inactivity, as the service words it.</summary>
    public const string IdleTimeoutOutput = "Your session timed out due to inactivity and has been terminated.";

    /// <summary>Largest OpenDataChannel TEXT frame accepted (the real one is about 300 bytes).</summary>
    public const int MaxOpenFrameSize = 4096;

    /// <summary>
    /// A session with no stream data in either direction for this long is ended with channel_closed.
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns the timeout off.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;

    /// <summary>
    /// Closes each client socket this long after it opened, with close code 1000 "Bye", without ending the
    /// session, as AWS does about hourly (fact sheet §2.3): clients must ResumeSession and reconnect.
    /// Null (the default) never does.
    /// </summary>
    public TimeSpan? PeriodicDisconnectInterval { get; init; }

    /// <summary>Whether <see cref="PeriodicDisconnectInterval"/> closes agent sockets too.</summary>
    public bool PeriodicDisconnectIncludesAgent { get; init; }

    /// <summary>A larger websocket message closes its socket with MessageTooBig (1009); the session survives.</summary>
    public int MaxFrameSize { get; init; } = 64 * 1024;

    /// <summary>How long a new socket may take to send its OpenDataChannel frame before it is closed.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a closing socket may take to answer our close frame before it is aborted.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Frames queued for one socket; a relay waits for room (back-pressure to the sender's socket).</summary>
    public int SendQueueCapacity { get; init; } = 1024;

    internal void Validate()
    {
        if (IdleTimeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleTimeout, TimeSpan.Zero, nameof(IdleTimeout));
        }

        if (PeriodicDisconnectInterval is { } interval)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(PeriodicDisconnectInterval));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameSize, 1024, nameof(MaxFrameSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OpenTimeout, TimeSpan.Zero, nameof(OpenTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CloseTimeout, TimeSpan.Zero, nameof(CloseTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendQueueCapacity, 1, nameof(SendQueueCapacity));
    }
}
