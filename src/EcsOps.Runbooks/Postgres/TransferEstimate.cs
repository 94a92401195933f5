namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// How long a dump through an exec session should take, judged from the database's size: the AWS agent paces its
/// output to about 1 MB/s, and the custom format is compressed, so this is an upper bound for most databases.
/// Above <see cref="TaskThresholdBytes"/> a one-off task (which writes to S3 itself) is recommended.
/// </summary>
public sealed record TransferEstimate(long? DatabaseBytes, long TaskThresholdBytes)
{
    /// <summary>What ECS Exec carries per second, about.</summary>
    public const long ExecBytesPerSecond = 1_000_000;

    /// <summary>The default size above which <c>--as-task</c> is recommended: 2 GiB.</summary>
    public const long DefaultTaskThresholdBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>The expected duration through exec; null when the size is unknown.</summary>
    public TimeSpan? ExecDuration => DatabaseBytes is { } bytes ? TimeSpan.FromSeconds(Math.Max(1, bytes / ExecBytesPerSecond)) : null;

    /// <summary>True when the database is larger than the threshold.</summary>
    public bool RecommendTask => DatabaseBytes > TaskThresholdBytes;
}
