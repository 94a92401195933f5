namespace EcsOps.Aws.Accounts;

/// <summary>An account EcsOps searches and acts in, with where and how.</summary>
/// <param name="Id">Twelve digits.</param>
/// <param name="Name">Short name for selectors and output (the id when nothing better is known).</param>
/// <param name="Regions">Regions to search; never empty.</param>
/// <param name="RoleName">The role to assume; null to use the base credentials (only valid for the caller's own account).</param>
public sealed record AwsAccount(string Id, string Name, IReadOnlyList<string> Regions, string? RoleName);
