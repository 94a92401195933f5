namespace EcsOps.Aws.Organizations.Model;

/// <summary>Organizations <c>ListAccounts</c> input; pages of at most 20.</summary>
public sealed record ListAccountsRequest
{
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
}

/// <summary>Organizations <c>ListAccounts</c> output.</summary>
public sealed record ListAccountsResponse
{
    public IReadOnlyList<OrganizationAccount> Accounts { get; init; } = [];
    public string? NextToken { get; init; }
}
