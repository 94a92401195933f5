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

/// <summary>One account of a static list.</summary>
/// <param name="Id">Twelve digits.</param>
/// <param name="Name">A short name used in selectors and output; defaults to the id.</param>
/// <param name="Regions">Regions to search in this account; <see cref="DefaultsConfig.Regions"/> when null.</param>
/// <param name="RoleName">Role to assume in this account; <see cref="DefaultsConfig.RoleName"/> when null.</param>
public sealed record AccountEntry(string Id, string Name, IReadOnlyList<string>? Regions = null, string? RoleName = null);

/// <summary>
/// Accounts listed by AWS Organizations (<c>ListAccounts</c>, called with the base credentials, or with
/// <see cref="RoleArn"/> assumed first), ACTIVE only, narrowed by name/id globs.
/// </summary>
public sealed record OrganizationsAccountSource
{
    /// <summary>Keep accounts whose name or id matches one of these globs; all when empty.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Drop accounts whose name or id matches one of these globs.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Regions to search in every listed account; <see cref="DefaultsConfig.Regions"/> when null.</summary>
    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>Role to assume in every listed account; <see cref="DefaultsConfig.RoleName"/> when null.</summary>
    public string? RoleName { get; init; }

    /// <summary>A role (in the management or delegated administrator account) to assume for ListAccounts.</summary>
    public string? RoleArn { get; init; }
}
