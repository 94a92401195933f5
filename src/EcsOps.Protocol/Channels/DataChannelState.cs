namespace EcsOps.Protocol.Channels;

/// <summary>Where a <see cref="DataChannel"/> stands. Only DataChannel.TransitionTo moves between them.</summary>
public enum DataChannelState
{
    /// <summary>Created; OpenAsync has not connected yet. Sends are queued.</summary>
    Connecting,

    /// <summary>A socket is up and both loops run.</summary>
    Open,

    /// <summary>The socket was lost; reconnecting. Sends are queued, nothing is lost.</summary>
    Resuming,

    /// <summary>CloseAsync was called; no new sends are accepted.</summary>
    Closing,

    /// <summary>Ended normally: <c>channel_closed</c> from the service, or closed locally.</summary>
    Closed,

    /// <summary>Ended with an error (reconnect budget spent, peer silent, fatal transport error).</summary>
    Broken,
}
