namespace EcsOps.Protocol.Smux;

/// <summary>
/// The session-wide token bucket of smux v1 (<see cref="SmuxConfig.MaxReceiveBuffer"/>): the receive loop
/// takes a frame's length when it buffers the payload, readers give it back as they consume. While the
/// bucket is empty the receive loop does not read the transport, which bounds memory and, as with the
/// real peers, pauses every stream.
/// </summary>
internal sealed class SmuxReceiveBudget
{
    private readonly WakeSignal _returned = new();
    private int _available;

    public SmuxReceiveBudget(int capacity) => _available = capacity;

    /// <summary>Bytes that may still be buffered; may dip below zero by at most one frame.</summary>
    public int Available => Volatile.Read(ref _available);

    public bool IsExhausted => Available <= 0;

    public void Take(int bytes) => Interlocked.Add(ref _available, -bytes);

    public void Return(int bytes)
    {
        if (bytes > 0 && Interlocked.Add(ref _available, bytes) > 0)
        {
            _returned.Set();
        }
    }

    public async ValueTask WaitUntilAvailableAsync(CancellationToken cancellationToken)
    {
        while (IsExhausted)
        {
            await _returned.WaitAsync(cancellationToken);
        }
    }
}
