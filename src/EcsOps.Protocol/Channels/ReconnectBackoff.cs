namespace EcsOps.Protocol.Channels;

/// <summary>
/// Delays between reconnect attempts: a random 100–199 ms first, then doubling, capped at 5 s
/// (the plugin's retryer shape, fact sheet §2.4, without its tiny 5-attempt limit; the caller's
/// budget decides when to stop).
/// </summary>
internal sealed class ReconnectBackoff
{
    public static readonly TimeSpan InitialMinimum = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private const int InitialJitterMilliseconds = 100;

    private readonly Random _random;
    private TimeSpan _previous;

    public ReconnectBackoff(Random? random = null) => _random = random ?? Random.Shared;

    public TimeSpan NextDelay()
    {
        _previous = _previous == TimeSpan.Zero
            ? InitialMinimum + TimeSpan.FromMilliseconds(_random.Next(InitialJitterMilliseconds))
            : TimeSpan.FromTicks(Math.Min(_previous.Ticks * 2, MaxDelay.Ticks));
        return _previous;
    }
}
