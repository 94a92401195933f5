namespace EcsOps.Aws.Config;

/// <summary>One account of a static list.</summary>
/// <param name="Id">Twelve digits.</param>
/// <param name="Name">A short name used in selectors and output; defaults to the id.</param>
/// <param name="Regions">Regions to search in this account; <see cref="DefaultsConfig.Regions"/> when null.</param>
/// <param name="RoleName">Role to assume in this account; <see cref="DefaultsConfig.RoleName"/> when null.</param>
public sealed record AccountEntry(string Id, string Name, IReadOnlyList<string>? Regions = null, string? RoleName = null);
