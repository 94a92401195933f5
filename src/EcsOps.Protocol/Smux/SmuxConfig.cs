namespace EcsOps.Protocol.Smux;

/// <summary>
/// Tuning of one smux session. The defaults are the ones the session-manager-plugin and the SSM agent use
/// (smux DefaultConfig, fact sheet §7.3).
/// </summary>
public sealed record SmuxConfig
{
    /// <summary>The only version spoken on SSM port sessions; v2 (window updates) is never negotiated.</summary>
    public int Version { get; init; } = SmuxFrame.Version1;

    /// <summary>Largest PSH payload we send. Received frames may carry up to 65 535 bytes.</summary>
    public int MaxFrameSize { get; init; } = 32 * 1024;

    /// <summary>
    /// Session-wide bound on received bytes not yet read by their streams. When reached the receive loop
    /// stops reading the transport until a reader consumes, so one stalled reader stalls every stream: v1
    /// has no per-stream window, and the real peers behave the same way.
    /// </summary>
    public int MaxReceiveBuffer { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Per-stream window of smux v2. Not used by v1; kept so a config mirrors the peers' exactly.
    /// </summary>
    public int MaxStreamBuffer { get; init; } = 64 * 1024;

    /// <summary>Whether to send NOPs and close the session after <see cref="KeepAliveTimeout"/> of silence.</summary>
    public bool KeepAliveEnabled { get; init; } = true;

    /// <summary>How often a NOP is sent.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the session checks that something arrived since the previous check; the session is
    /// closed at the first check that finds nothing.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum number of opened-by-peer streams waiting in <c>AcceptStreamAsync</c>.</summary>
    public int AcceptBacklog { get; init; } = 1024;

    /// <summary>The configuration of the plugin and agent.</summary>
    public static SmuxConfig Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> when the settings cannot work together.</summary>
    public void Validate()
    {
        if (Version != SmuxFrame.Version1)
        {
            throw new ArgumentException($"smux version {Version} is not supported; only 1 is", nameof(Version));
        }

        if (KeepAliveEnabled && (KeepAliveInterval <= TimeSpan.Zero || KeepAliveTimeout < KeepAliveInterval))
        {
            throw new ArgumentException("keepalive needs 0 < KeepAliveInterval <= KeepAliveTimeout", nameof(KeepAliveInterval));
        }

        if (MaxFrameSize is <= 0 or > SmuxFrame.MaxPayloadLength)
        {
            throw new ArgumentException("MaxFrameSize must be in 1..65535", nameof(MaxFrameSize));
        }

        if (MaxReceiveBuffer <= 0 || MaxStreamBuffer <= 0 || MaxStreamBuffer > MaxReceiveBuffer)
        {
            throw new ArgumentException("need 0 < MaxStreamBuffer <= MaxReceiveBuffer", nameof(MaxReceiveBuffer));
        }

        if (AcceptBacklog <= 0)
        {
            throw new ArgumentException("AcceptBacklog must be positive", nameof(AcceptBacklog));
        }
    }
}
