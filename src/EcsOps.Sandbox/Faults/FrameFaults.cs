namespace EcsOps.Sandbox.Faults;

/// <summary>
/// Faults the gateway injects into one direction of every session's relay, each a probability per relayed
/// BINARY frame (stream data and acks alike). At most one fault hits a frame, so the sum must not exceed 1.
/// </summary>
/// <param name="Drop">The frame vanishes; the sender retransmits.</param>
/// <param name="Duplicate">The frame is delivered twice.</param>
/// <param name="Reorder">The frame is held back and delivered right after the next frame of the same direction.</param>
/// <param name="Delay">The frame is delivered after <paramref name="DelayDuration"/>, overtaken by later frames.</param>
/// <param name="DelayDuration">How long a delayed frame is held; 20 ms when null.</param>
public sealed record FrameFaults(
    double Drop = 0,
    double Duplicate = 0,
    double Reorder = 0,
    double Delay = 0,
    TimeSpan? DelayDuration = null)
{
    public static readonly TimeSpan DefaultDelayDuration = TimeSpan.FromMilliseconds(20);

    public static FrameFaults None { get; } = new();

    public bool IsNone => Drop == 0 && Duplicate == 0 && Reorder == 0 && Delay == 0;

    internal TimeSpan EffectiveDelay => DelayDuration ?? DefaultDelayDuration;

    internal void Validate(string direction)
    {
        foreach (var (name, value) in new[] { ("Drop", Drop), ("Duplicate", Duplicate), ("Reorder", Reorder), ("Delay", Delay) })
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(direction, value, $"{direction}.{name} must be a probability between 0 and 1");
            }
        }

        if (Drop + Duplicate + Reorder + Delay > 1)
        {
            throw new ArgumentException($"{direction}: the probabilities add up to more than 1", direction);
        }

        if (DelayDuration is { } delay && delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(direction, delay, $"{direction}.DelayDuration must not be negative");
        }
    }
}
