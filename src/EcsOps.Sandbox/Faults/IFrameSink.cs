namespace EcsOps.Sandbox.Faults;

/// <summary>Where a relayed frame goes: the peer's socket (its send queue).</summary>
internal interface IFrameSink
{
    /// <summary>Queues <paramref name="frame"/>, waiting for room; false when the socket is closing or gone (the frame is lost).</summary>
    ValueTask<bool> SendAsync(byte[] frame, CancellationToken cancellationToken);
}
