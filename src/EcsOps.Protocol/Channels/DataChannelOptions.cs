using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Channels;

/// <summary>Settings of one <see cref="DataChannel"/>. The defaults suit the real service.</summary>
public sealed record DataChannelOptions
{
    /// <summary>Room for the AES-GCM nonce and tag (28 bytes) on a KMS-encrypted payload, rounded up.</summary>
    public const int EncryptionOverhead = 64;

    /// <summary>Largest payload <see cref="DataChannel.SendAsync"/> accepts by default.</summary>
    public const int DefaultMaxPayloadLength = ClientMessageCodec.StreamPayloadSize + EncryptionOverhead;

    /// <summary>Largest payload accepted from the peer by default; bounds the reorder buffer's memory.</summary>
    public const int DefaultMaxIncomingPayloadLength = 8 * 1024;

    /// <summary>
    /// ClientVersion reported in OpenDataChannel. AWS documents 1.2.764.0 as the minimum supported plugin
    /// (fact sheet §2.1); the handshake reports the same one.
    /// </summary>
    public const string DefaultClientVersion = Sessions.ProtocolVersions.DefaultClientVersion;

    public static DataChannelOptions Default { get; } = new();

    /// <summary>Reported as ClientVersion by a client (fact sheet §2.2).</summary>
    public string ClientVersion { get; init; } = DefaultClientVersion;

    /// <summary>Reported as ClientInstanceId by an agent instead of ClientVersion. Required for agents.</summary>
    public string? ClientInstanceId { get; init; }

    /// <summary>The ClientId sent on every (re)connect; a fresh UUID per channel when null.</summary>
    public string? ClientId { get; init; }

    /// <summary>
    /// Unacknowledged messages kept for retransmission, counted as a span of sequence numbers from the
    /// oldest unacknowledged one. SendAsync waits while it is full.
    /// </summary>
    public int OutgoingWindowCapacity { get; init; } = 4096;

    /// <summary>
    /// Received messages held for in-order delivery. Stream data beyond this span is left unacked so
    /// that the sender retries later: the receiver's back-pressure.
    /// </summary>
    public int ReorderBufferCapacity { get; init; } = 4096;

    /// <summary>Largest payload SendAsync accepts (1024 per the service plus encryption overhead).</summary>
    public int MaxPayloadLength { get; init; } = DefaultMaxPayloadLength;

    /// <summary>Incoming frames with a larger payload are dropped as invalid.</summary>
    public int MaxIncomingPayloadLength { get; init; } = DefaultMaxIncomingPayloadLength;

    /// <summary>The channel breaks when the oldest unacknowledged message stays unacked this long.</summary>
    public TimeSpan PeerSilenceTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound of the backed-off retransmission interval of a head that keeps timing out.</summary>
    public TimeSpan MaxRetransmissionInterval { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Reconnect (ResumeSession on a client) when the socket is lost without channel_closed.</summary>
    public bool Reconnect { get; init; } = true;

    /// <summary>Total time one reconnect may take, all attempts included, before the channel breaks.</summary>
    public TimeSpan ReconnectBudget { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Average interval between stream-data sends. Zero (the default) never waits. The sandbox agent sets
    /// 1 ms to behave like the real agent, which sleeps 1 ms after every send (fact sheet §4.5).
    /// </summary>
    public TimeSpan SendPacing { get; init; } = TimeSpan.Zero;

    internal void Validate(DataChannelRole role)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(OutgoingWindowCapacity, 1, nameof(OutgoingWindowCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReorderBufferCapacity, 1, nameof(ReorderBufferCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPayloadLength, 1, nameof(MaxPayloadLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIncomingPayloadLength, 1, nameof(MaxIncomingPayloadLength));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PeerSilenceTimeout, TimeSpan.Zero, nameof(PeerSilenceTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxRetransmissionInterval, TimeSpan.Zero, nameof(MaxRetransmissionInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReconnectBudget, TimeSpan.Zero, nameof(ReconnectBudget));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendPacing, TimeSpan.Zero, nameof(SendPacing));
        if (role == DataChannelRole.Agent && string.IsNullOrEmpty(ClientInstanceId))
        {
            throw new ArgumentException("an agent data channel needs options.ClientInstanceId");
        }

        if (role == DataChannelRole.Client && string.IsNullOrEmpty(ClientVersion))
        {
            throw new ArgumentException("a client data channel needs options.ClientVersion");
        }
    }
}
