namespace EcsOps.Aws.Config;

/// <summary>Settings that apply to every account unless the account says otherwise.</summary>
public sealed record DefaultsConfig
{
    /// <summary>Default for <see cref="Concurrency"/>.</summary>
    public const int DefaultConcurrency = 8;

    /// <summary>Default for <see cref="CacheTtl"/>.</summary>
    public static readonly TimeSpan DefaultCacheTtl = TimeSpan.FromSeconds(60);

    /// <summary>Regions to search; when empty, the region of the AWS environment (AWS_REGION, the profile).</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>The role EcsOps assumes in every account other than the caller's own.</summary>
    public string? RoleName { get; init; }

    /// <summary>The AWS profile for the base credentials; AWS_PROFILE or the default chain when null.</summary>
    public string? Profile { get; init; }

    /// <summary>How many account × region searches run at once.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>How long discovery answers are reused; zero turns the cache off.</summary>
    public TimeSpan CacheTtl { get; init; } = DefaultCacheTtl;

    /// <summary>Attempts per AWS request; AWS_MAX_ATTEMPTS or 3 when null.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>How long assumed-role sessions last (STS DurationSeconds).</summary>
    public TimeSpan SessionDuration { get; init; } = TimeSpan.FromHours(1);
}
