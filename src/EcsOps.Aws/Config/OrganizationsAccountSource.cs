namespace EcsOps.Aws.Config;

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
