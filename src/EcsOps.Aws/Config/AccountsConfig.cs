namespace EcsOps.Aws.Config;

/// <summary>
/// Where the list of accounts comes from: written out in the file (<see cref="Static"/>), or read from AWS
/// Organizations (<see cref="Organizations"/>). With neither, EcsOps works in the caller's own account only.
/// </summary>
public sealed record AccountsConfig
{
    /// <summary>No accounts configured.</summary>
    public static readonly AccountsConfig None = new();

    public IReadOnlyList<AccountEntry> Static { get; init; } = [];

    public OrganizationsAccountSource? Organizations { get; init; }

    /// <summary>True when neither a list nor Organizations is configured.</summary>
    public bool IsEmpty => Static.Count == 0 && Organizations is null;
}
