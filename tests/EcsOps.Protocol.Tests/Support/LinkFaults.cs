namespace EcsOps.Protocol.Tests.Support;

/// <summary>Faults a <see cref="LossyLink"/> injects into one direction, each as a probability per frame.</summary>
/// <param name="Drop">The frame vanishes.</param>
/// <param name="Duplicate">The frame is delivered twice.</param>
/// <param name="Delay">
/// The frame is held back and released after 1..<paramref name="MaxDelayFrames"/> later frames, which
/// reorders it behind them.
/// </param>
internal sealed record LinkFaults(double Drop = 0, double Duplicate = 0, double Delay = 0, int MaxDelayFrames = 8)
{
    public static LinkFaults None { get; } = new();
}
