using System.Globalization;
using EcsOps.Aws.Config;

namespace EcsOps.Aws.Http;

/// <summary>
/// How often and how patiently a request is repeated after throttling, a 5xx answer or a network failure.
/// Attempt <c>n</c> (from 1) waits a uniformly random time in [0, min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/>·2^(n-1))]
/// before attempt <c>n+1</c> ("full jitter").
/// </summary>
public sealed record RetryOptions
{
    /// <summary>The AWS SDKs' default in standard mode.</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>Total attempts including the first; 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The defaults, with <see cref="MaxAttempts"/> from <c>AWS_MAX_ATTEMPTS</c> when set to a positive number.</summary>
    public static RetryOptions FromEnvironment(IEnvironmentVariables environment)
    {
        var text = environment.GetNonEmpty("AWS_MAX_ATTEMPTS");
        return text is not null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts > 0
            ? new RetryOptions { MaxAttempts = attempts }
            : new RetryOptions();
    }

    /// <summary>The wait before the attempt after <paramref name="attempt"/>, given a random number in [0, 1).</summary>
    public TimeSpan DelayAfter(int attempt, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * Math.Clamp(random, 0, 1));
    }
}
