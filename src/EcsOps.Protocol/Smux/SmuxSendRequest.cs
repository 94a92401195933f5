namespace EcsOps.Protocol.Smux;

/// <summary>
/// One frame waiting for the send loop. The payload is the caller's memory, so the caller waits on
/// <see cref="Copied"/> until the send loop has copied it into its batch; a cancelled caller may leave
/// only while the request is still pending, which the send loop then skips.
/// </summary>
internal sealed class SmuxSendRequest
{
    private const int Pending = 0;
    private const int Taken = 1;
    private const int Abandoned = 2;

    private readonly TaskCompletionSource? _copied;
    private int _state;

    public SmuxSendRequest(SmuxFrameHeader header, ReadOnlyMemory<byte> payload, bool callerWaits)
    {
        Header = header;
        Payload = payload;
        _copied = callerWaits ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
    }

    public SmuxFrameHeader Header { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    public int FrameLength => SmuxFrame.HeaderLength + Payload.Length;

    /// <summary>Completes once the frame is in the send loop's batch; faults or cancels if it never will be.</summary>
    public Task Copied => _copied?.Task ?? Task.CompletedTask;

    public bool IsPending => Volatile.Read(ref _state) == Pending;

    /// <summary>The send loop claims the request; false when its caller already gave up.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Pending) == Pending;

    public void MarkCopied() => _copied?.TrySetResult();

    public void Cancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Pending) == Pending)
        {
            _copied?.TrySetCanceled(cancellationToken);
        }
    }

    public void Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Pending) == Pending)
        {
            _copied?.TrySetException(error);
        }
    }
}
