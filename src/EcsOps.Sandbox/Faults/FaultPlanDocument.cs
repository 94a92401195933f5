using System.Text.Json.Serialization;

namespace EcsOps.Sandbox.Faults;

/// <summary>
/// The JSON shape of a <see cref="FaultPlan"/> on the admin endpoint, durations in milliseconds:
/// <c>{"seed":7,"apiLatencyMs":{"ssm":200},"apiThrottleRate":{"s3":0.1},"clientToAgent":{"drop":0.01},"agentToClient":{"reorder":0.02,"delay":0.01,"delayMs":30}}</c>.
/// </summary>
public sealed record FaultPlanDocument
{
    public int? Seed { get; init; }
    public Dictionary<string, double>? ApiLatencyMs { get; init; }
    public Dictionary<string, double>? ApiThrottleRate { get; init; }
    public FrameFaultsDocument? ClientToAgent { get; init; }
    public FrameFaultsDocument? AgentToClient { get; init; }

    public FaultPlan ToPlan() => new()
    {
        Seed = Seed ?? FaultPlan.None.Seed,
        ApiLatency = (ApiLatencyMs ?? []).ToDictionary(p => p.Key, p => TimeSpan.FromMilliseconds(p.Value), StringComparer.Ordinal),
        ApiThrottleRate = new Dictionary<string, double>(ApiThrottleRate ?? [], StringComparer.Ordinal),
        ClientToAgent = ClientToAgent?.ToFaults() ?? FrameFaults.None,
        AgentToClient = AgentToClient?.ToFaults() ?? FrameFaults.None,
    };

    public static FaultPlanDocument From(FaultPlan plan) => new()
    {
        Seed = plan.Seed,
        ApiLatencyMs = plan.ApiLatency.ToDictionary(p => p.Key, p => p.Value.TotalMilliseconds, StringComparer.Ordinal),
        ApiThrottleRate = new Dictionary<string, double>(plan.ApiThrottleRate, StringComparer.Ordinal),
        ClientToAgent = FrameFaultsDocument.From(plan.ClientToAgent),
        AgentToClient = FrameFaultsDocument.From(plan.AgentToClient),
    };
}

/// <summary>The JSON shape of <see cref="FrameFaults"/>.</summary>
public sealed record FrameFaultsDocument
{
    public double Drop { get; init; }
    public double Duplicate { get; init; }
    public double Reorder { get; init; }
    public double Delay { get; init; }
    public double? DelayMs { get; init; }

    public FrameFaults ToFaults() =>
        new(Drop, Duplicate, Reorder, Delay, DelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);

    public static FrameFaultsDocument From(FrameFaults faults) => new()
    {
        Drop = faults.Drop,
        Duplicate = faults.Duplicate,
        Reorder = faults.Reorder,
        Delay = faults.Delay,
        DelayMs = faults.DelayDuration?.TotalMilliseconds,
    };
}

/// <summary>What the faults did so far, as the admin endpoint reports it.</summary>
public sealed record FaultCountsDocument(FrameFaultCounts ClientToAgent, FrameFaultCounts AgentToClient, long ApiRequestsDelayed, long ApiRequestsThrottled);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FaultPlanDocument))]
[JsonSerializable(typeof(FaultCountsDocument))]
internal sealed partial class FaultJsonContext : JsonSerializerContext;
