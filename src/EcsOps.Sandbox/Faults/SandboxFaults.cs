using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Faults;

/// <summary>
/// The faults in force for this sandbox run, and what they did. The API middleware asks it for latency and
/// throttling per request; the gateway's relay asks it what to do with each frame. Thread-safe; a new plan
/// applies to the next request or frame.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private readonly DirectionCounters _clientToAgent = new();
    private readonly DirectionCounters _agentToClient = new();
    private FaultPlan _plan = FaultPlan.None;
    private Random _random = new(FaultPlan.None.Seed);

    // One generator per frame direction, so each direction's sequence of faults follows from the seed alone, not from
    // how the two directions' frames happen to interleave.
    private Random _clientToAgentRandom = new(FaultPlan.None.Seed);
    private Random _agentToClientRandom = new(FaultPlan.None.Seed + 1);
    private long _apiDelayed;
    private long _apiThrottled;

    /// <param name="plan">The faults to start with.</param>
    /// <param name="clock">The clock of injected latencies and frame delays.</param>
    public SandboxFaults(FaultPlan plan, TimeProvider clock)
    {
        Clock = clock;
        Apply(plan);
    }

    public TimeProvider Clock { get; }

    public FaultPlan Plan
    {
        get
        {
            lock (_gate)
            {
                return _plan;
            }
        }
    }

    /// <summary>Requests held back by injected latency so far.</summary>
    public long ApiRequestsDelayed => Interlocked.Read(ref _apiDelayed);

    /// <summary>Requests answered with a throttling error so far.</summary>
    public long ApiRequestsThrottled => Interlocked.Read(ref _apiThrottled);

    /// <summary>Replaces the plan and reseeds the random choices from <see cref="FaultPlan.Seed"/>.</summary>
    /// <exception cref="ArgumentException">The plan is not valid.</exception>
    public void Apply(FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        lock (_gate)
        {
            _plan = plan;
            _random = new Random(plan.Seed);
            _clientToAgentRandom = new Random(plan.Seed);
            _agentToClientRandom = new Random(plan.Seed + 1);
        }
    }

    /// <summary>Stops injecting anything.</summary>
    public void Clear() => Apply(FaultPlan.None);

    public FrameFaultCounts Counts(FrameDirection direction) => Counters(direction).Snapshot();

    /// <summary>The latency to add before a request, if any.</summary>
    internal TimeSpan? LatencyFor(AwsService service, string? operation)
    {
        var plan = Plan;
        if (plan.ApiLatency.Count == 0 || Lookup(plan.ApiLatency, service, operation) is not { } latency || latency <= TimeSpan.Zero)
        {
            return null;
        }

        Interlocked.Increment(ref _apiDelayed);
        return latency;
    }

    /// <summary>Draws whether this request is throttled.</summary>
    internal bool ShouldThrottle(AwsService service, string? operation)
    {
        double rate;
        lock (_gate)
        {
            if (_plan.ApiThrottleRate.Count == 0 || Lookup(_plan.ApiThrottleRate, service, operation) is not { } found || found <= 0)
            {
                return false;
            }

            rate = found;
            if (_random.NextDouble() >= rate)
            {
                return false;
            }
        }

        Interlocked.Increment(ref _apiThrottled);
        return true;
    }

    /// <summary>Draws what happens to the next frame of <paramref name="direction"/>, and counts it.</summary>
    internal FrameAction NextFrameAction(FrameDirection direction, out TimeSpan delay)
    {
        var counters = Counters(direction);
        delay = TimeSpan.Zero;
        FrameAction action;
        lock (_gate)
        {
            var faults = direction == FrameDirection.ClientToAgent ? _plan.ClientToAgent : _plan.AgentToClient;
            var random = direction == FrameDirection.ClientToAgent ? _clientToAgentRandom : _agentToClientRandom;
            action = faults.IsNone ? FrameAction.Deliver : Draw(faults, random.NextDouble());
            delay = faults.EffectiveDelay;
        }

        counters.Count(action);
        return action;
    }

    private static FrameAction Draw(FrameFaults faults, double roll)
    {
        if ((roll -= faults.Drop) < 0)
        {
            return FrameAction.Drop;
        }

        if ((roll -= faults.Duplicate) < 0)
        {
            return FrameAction.Duplicate;
        }

        if ((roll -= faults.Reorder) < 0)
        {
            return FrameAction.Reorder;
        }

        return roll - faults.Delay < 0 ? FrameAction.Delay : FrameAction.Deliver;
    }

    /// <summary>The most specific entry for the request: operation, then service, then "*".</summary>
    private static T? Lookup<T>(IReadOnlyDictionary<string, T> entries, AwsService service, string? operation)
        where T : struct
    {
        if (operation is { Length: > 0 })
        {
            if (entries.TryGetValue($"{service.Name}:{operation}", out var byName))
            {
                return byName;
            }

            if (service.TargetPrefix is { } prefix && entries.TryGetValue($"{prefix}.{operation}", out var byTarget))
            {
                return byTarget;
            }
        }

        if (entries.TryGetValue(service.Name, out var byService))
        {
            return byService;
        }

        return entries.TryGetValue(FaultPlan.AnyApi, out var any) ? any : null;
    }

    private DirectionCounters Counters(FrameDirection direction) =>
        direction == FrameDirection.ClientToAgent ? _clientToAgent : _agentToClient;

    private sealed class DirectionCounters
    {
        private long _relayed;
        private long _dropped;
        private long _duplicated;
        private long _reordered;
        private long _delayed;

        public void Count(FrameAction action)
        {
            Interlocked.Increment(ref _relayed);
            switch (action)
            {
                case FrameAction.Drop:
                    Interlocked.Increment(ref _dropped);
                    break;
                case FrameAction.Duplicate:
                    Interlocked.Increment(ref _duplicated);
                    break;
                case FrameAction.Reorder:
                    Interlocked.Increment(ref _reordered);
                    break;
                case FrameAction.Delay:
                    Interlocked.Increment(ref _delayed);
                    break;
            }
        }

        public FrameFaultCounts Snapshot() => new(
            Interlocked.Read(ref _relayed), Interlocked.Read(ref _dropped), Interlocked.Read(ref _duplicated),
            Interlocked.Read(ref _reordered), Interlocked.Read(ref _delayed));
    }
}
