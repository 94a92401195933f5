using EcsOps.Aws.Http;
using EcsOps.Protocol;
using EcsOps.Protocol.Transport;

namespace EcsOps.Aws.Sessions;

/// <summary>
/// For long-lived sessions that start again when one ends (port forwards): which failures to start one are worth
/// retrying, when to look for the target again, and how long to wait between attempts (doubling from
/// <see cref="FirstDelay"/> to <see cref="MaxDelay"/>).
/// </summary>
public sealed record SessionRestartPolicy
{
    public static SessionRestartPolicy Default { get; } = new();

    /// <summary>The wait after the first failure in a row (or after a session that ended soon after it started).</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A session that lasted this long counts as healthy: the next one starts at once.</summary>
    public TimeSpan HealthyLifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the next attempt after <paramref name="failuresInARow"/> failures (0: none).</summary>
    public TimeSpan DelayAfter(int failuresInARow)
    {
        if (failuresInARow <= 0)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failuresInARow - 1, 16);
        return TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks << doublings, MaxDelay.Ticks));
    }

    /// <summary>
    /// False for failures that another attempt cannot cure: permissions, credentials the service rejects, a request the
    /// service calls invalid. Throttling, 5xx, an unreachable endpoint, a broken connection and an agent that is not
    /// connected (yet) are retried; anything unexpected is not.
    /// </summary>
    public static bool IsRetryable(Exception error) => error switch
    {
        TargetNotConnectedException => true,
        AwsServiceException aws => aws.IsRetryable,
        TransportException transport => transport.IsTransient,
        AwsConnectionException or ProtocolException or IOException or HttpRequestException or TimeoutException => true,

        // The container has no runtime id yet (its task is starting): see SuggestsTargetGone.
        InvalidOperationException => true,
        _ => false,
    };

    /// <summary>
    /// True when the failure may mean the container is gone (its task stopped or was replaced), so the target should
    /// be looked up again before the next attempt.
    /// </summary>
    public static bool SuggestsTargetGone(Exception error) => error is TargetNotConnectedException or InvalidOperationException;
}
