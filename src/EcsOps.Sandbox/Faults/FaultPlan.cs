namespace EcsOps.Sandbox.Faults;

/// <summary>
/// What the sandbox injects during a run: latency and throttling on its HTTP APIs, and frame faults in the
/// message gateway's relay. Set it with <see cref="Sandbox.SandboxOptions.Faults"/> at start, then change it
/// with <see cref="SandboxFaults.Apply"/> or <c>PUT /_sandbox/faults</c>.
/// </summary>
/// <remarks>
/// API keys, most specific first: an operation as <c>ssm:StartSession</c> or as its X-Amz-Target
/// <c>AmazonSSM.StartSession</c>, a service name (<c>ecs</c>, <c>ssm</c>, <c>sts</c>, <c>s3</c>, <c>kms</c>,
/// <c>logs</c>, <c>secretsmanager</c>), or <c>*</c> for every request.
/// </remarks>
public sealed record FaultPlan
{
    /// <summary>The key that matches every request.</summary>
    public const string AnyApi = "*";

    public static FaultPlan None { get; } = new();

    /// <summary>Extra time before a matching request is handled.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ApiLatency { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>
    /// Probability that a matching request fails with the service's throttling error (ThrottlingException for
    /// JSON services, Throttling for STS, SlowDown 503 for S3).
    /// </summary>
    public IReadOnlyDictionary<string, double> ApiThrottleRate { get; init; } = new Dictionary<string, double>();

    /// <summary>Faults on frames from the client towards the agent.</summary>
    public FrameFaults ClientToAgent { get; init; } = FrameFaults.None;

    /// <summary>Faults on frames from the agent towards the client.</summary>
    public FrameFaults AgentToClient { get; init; } = FrameFaults.None;

    /// <summary>Seeds the random choices, so a run can be repeated.</summary>
    public int Seed { get; init; } = 1;

    /// <exception cref="ArgumentException">A probability or latency is out of range.</exception>
    public void Validate()
    {
        foreach (var (key, latency) in ApiLatency)
        {
            if (latency < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(ApiLatency), latency, $"latency of '{key}' must not be negative");
            }
        }

        foreach (var (key, rate) in ApiThrottleRate)
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                throw new ArgumentOutOfRangeException(nameof(ApiThrottleRate), rate, $"throttle rate of '{key}' must be between 0 and 1");
            }
        }

        ClientToAgent.Validate(nameof(ClientToAgent));
        AgentToClient.Validate(nameof(AgentToClient));
    }
}
