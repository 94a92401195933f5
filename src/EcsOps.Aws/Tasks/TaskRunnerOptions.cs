namespace EcsOps.Aws.Tasks;

/// <summary>How often a <see cref="TaskRunner"/> looks at the task and its logs.</summary>
public sealed record TaskRunnerOptions
{
    public static readonly TaskRunnerOptions Default = new();

    /// <summary>The first pause between DescribeTasks/GetLogEvents rounds; new log events bring it back here.</summary>
    public TimeSpan InitialPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest pause between rounds (the interval grows by half each quiet round).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// After the task stopped and its log stream read empty, one more read this much later: CloudWatch Logs may still
    /// be ingesting the last lines.
    /// </summary>
    public TimeSpan LogSettleDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for STOPPED after our StopTask before giving up on the task's final state.</summary>
    public TimeSpan StopWaitLimit { get; init; } = TimeSpan.FromMinutes(2);
}
