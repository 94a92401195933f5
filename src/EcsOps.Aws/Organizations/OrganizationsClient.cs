using EcsOps.Aws.Http;
using EcsOps.Aws.Organizations.Model;

namespace EcsOps.Aws.Organizations;

/// <summary>
/// AWS Organizations over AWS JSON 1.1, shaped like <c>AmazonOrganizationsClient</c> of the AWS SDK. Organizations
/// is a global service: one endpoint in us-east-1, signed for us-east-1.
/// </summary>
public sealed class OrganizationsClient(AwsJsonClient transport)
{
    /// <summary>The <c>X-Amz-Target</c> prefix of Organizations.</summary>
    public const string TargetPrefix = "AWSOrganizationsV20161128";

    private static OrganizationsJsonContext Json => OrganizationsJsonContext.Default;

    public AwsJsonClient Transport => transport;

    public Task<ListAccountsResponse> ListAccountsAsync(ListAccountsRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("ListAccounts", request, Json.ListAccountsRequest, Json.ListAccountsResponse, cancellationToken);

    /// <summary>Every account of the organization, across pages.</summary>
    public IAsyncEnumerable<OrganizationAccount> ListAllAccountsAsync(CancellationToken cancellationToken) =>
        AwsPaginator.ItemsAsync(
            (token, ct) => ListAccountsAsync(new ListAccountsRequest { NextToken = token }, ct),
            page => page.NextToken,
            page => page.Accounts,
            cancellationToken);
}
