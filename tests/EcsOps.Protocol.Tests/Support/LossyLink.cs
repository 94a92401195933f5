namespace EcsOps.Protocol.Tests.Support;

/// <summary>
/// One direction of an unreliable path: drops, duplicates and delays (reorders) frames, decided by a
/// seeded <see cref="Random"/> so that a failing run can be replayed. Delay is counted in frames, not
/// time, so tests need no clock; a held frame that outlives the traffic is simply lost (the sender retransmits).
/// </summary>
internal sealed class LossyLink
{
    private readonly Lock _lock = new();
    private readonly LinkFaults _faults;
    private readonly Random _random;
    private readonly List<(byte[] Frame, int FramesToWait)> _held = [];

    public LossyLink(LinkFaults faults, int seed)
    {
        _faults = faults;
        _random = new Random(seed);
    }

    public int Passed { get; private set; }

    public int Dropped { get; private set; }

    public int Duplicated { get; private set; }

    public int Delayed { get; private set; }

    /// <summary>Feeds one frame in; returns the frames to deliver now, in order.</summary>
    public List<byte[]> Process(byte[] frame)
    {
        lock (_lock)
        {
            Passed++;
            var output = new List<byte[]>(2);
            if (_random.NextDouble() < _faults.Drop)
            {
                Dropped++;
            }
            else if (_random.NextDouble() < _faults.Delay)
            {
                Delayed++;
                _held.Add((frame, _random.Next(1, _faults.MaxDelayFrames + 1)));
                return output;
            }
            else
            {
                output.Add(frame);
                if (_random.NextDouble() < _faults.Duplicate)
                {
                    Duplicated++;
                    output.Add(frame);
                }
            }

            for (var i = 0; i < _held.Count; i++)
            {
                var (held, wait) = _held[i];
                if (wait <= 1)
                {
                    output.Add(held);
                    _held.RemoveAt(i--);
                }
                else
                {
                    _held[i] = (held, wait - 1);
                }
            }

            return output;
        }
    }
}
