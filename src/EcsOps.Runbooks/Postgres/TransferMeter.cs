namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// Where a long transfer stands, for a progress display to poll: the phase, the bytes moved in it, and its total when
/// known. Updated from the transfer's own tasks; reads are lock-free snapshots.
/// </summary>
public sealed class TransferMeter : IProgress<long>
{
    /// <summary>The phase before the transfer reports one.</summary>
    public const string InitialPhase = "starting";

    private PhaseState _phase = new(InitialPhase, null);
    private long _bytes;

    /// <summary>What is happening, e.g. "dumping", "downloading", "restoring".</summary>
    public string Phase => Volatile.Read(ref _phase).Name;

    /// <summary>The bytes this phase will move, when known.</summary>
    public long? Total => Volatile.Read(ref _phase).Total;

    /// <summary>Bytes moved in this phase so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Starts a new phase at zero bytes.</summary>
    public void Begin(string phase, long? total)
    {
        Interlocked.Exchange(ref _bytes, 0);
        Volatile.Write(ref _phase, new PhaseState(phase, total));
    }

    /// <summary>The bytes moved in this phase so far (a running total, not an increment).</summary>
    public void Report(long value) => Interlocked.Exchange(ref _bytes, value);

    private sealed record PhaseState(string Name, long? Total);
}
