using System.Text.Json;
using EcsOps.Aws.Accounts;
using EcsOps.Aws.Config;
using EcsOps.Aws.Endpoints;
using EcsOps.Aws.Http;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Clients;

/// <summary>
/// The sandbox has no Organizations API yet, so these tests answer ListAccounts from a scripted loopback server
/// shaped like the real service (pages of two, PascalCase, epoch-second timestamps).
/// </summary>
[Collection(SandboxCollection.Name)]
public class OrganizationsClientTests(SandboxFixture sandbox)
{
    private static readonly string[][] s_pages =
    [
        [Account("111111111111", "dev", "ACTIVE"), Account("222222222222", "prod", "ACTIVE")],
        [Account("333333333333", "prod-legacy", "ACTIVE"), Account("444444444444", "closed", "SUSPENDED")],
        [Account("555555555555", "sandbox-alice", "ACTIVE")],
    ];

    private static string Account(string id, string name, string status) =>
        $$"""{"Id":"{{id}}","Arn":"arn:aws:organizations::999999999999:account/o-abc/{{id}}","Email":"{{name}}@example.com","Name":"{{name}}","Status":"{{status}}","JoinedMethod":"CREATED","JoinedTimestamp":1.6E9}""";

    private static ScriptedResponse ListAccounts(RecordedRequest request)
    {
        if (request.Target != "AWSOrganizationsV20161128.ListAccounts")
        {
            return ScriptedResponse.Error(400, "UnknownOperationException", request.Target);
        }

        using var body = JsonDocument.Parse(request.Body);
        var page = body.RootElement.TryGetProperty("NextToken", out var token) ? int.Parse(token.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var next = page + 1 < s_pages.Length ? $$""","NextToken":"{{page + 1}}" """ : "";
        return ScriptedResponse.Json($$"""{"Accounts":[{{string.Join(',', s_pages[page])}}]{{next}}}""");
    }

    [Fact]
    public async Task ListAllAccounts_ThreePages_ReturnsEveryAccountSignedForUsEast1()
    {
        await using var server = await ScriptedAwsServer.StartAsync(ListAccounts);
        var organizations = TestEnvironment.Factory(server.Endpoint).CreateOrganizations("eu-west-1", TestEnvironment.Credentials());

        var accounts = new List<Organizations.Model.OrganizationAccount>();
        await foreach (var account in organizations.ListAllAccountsAsync(CancellationToken.None))
        {
            accounts.Add(account);
        }

        Assert.Equal(5, accounts.Count);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Contains("/us-east-1/organizations/aws4_request", r.Authorization, StringComparison.Ordinal));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_600_000_000), accounts[0].JoinedTimestamp);
        Assert.False(accounts.Single(a => a.Name == "closed").IsActive);
    }

    [Fact]
    public async Task ListAccounts_AccessDenied_IsTyped()
    {
        await using var server = await ScriptedAwsServer.StartAsync(
            _ => ScriptedResponse.Error(400, "AccessDeniedException", "You don't have permissions to access this resource."));
        var organizations = TestEnvironment.Factory(server.Endpoint).CreateOrganizations("us-east-1", TestEnvironment.Credentials());

        await Assert.ThrowsAsync<AccessDeniedException>(
            () => organizations.ListAccountsAsync(new Organizations.Model.ListAccountsRequest(), CancellationToken.None));
    }

    [Fact]
    public async Task Inventory_OrganizationsSource_ActiveAccountsFilteredByGlobs()
    {
        await using var server = await ScriptedAwsServer.StartAsync(ListAccounts);
        var environment = new EnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = sandbox.Host.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_ORGANIZATIONS"] = server.Endpoint.ToString(),
        });
        using var factory = new AwsClientFactory(
            new EndpointResolver(environment, configFile: AwsSharedConfigFile.Empty), new RetryOptions(), TimeProvider.System);
        using var access = new AccountAccess(factory, SandboxFixture.CredentialsOf(sandbox.Dev), "us-east-1", TimeSpan.FromHours(1));
        var config = ConfigLoader.Parse("""
            accounts:
              source: organizations
              include: ["prod*", "dev", "555555555555"]
              exclude: ["*-legacy"]
              regions: [eu-west-1]
            defaults:
              roleName: EcsOpsAccess
            """);
        using var inventory = new AccountInventory(config, access, factory, "us-east-1");

        var accounts = await inventory.ListAsync(CancellationToken.None);

        Assert.Equal(["dev", "prod", "sandbox-alice"], accounts.Select(a => a.Name));
        Assert.All(accounts, a => Assert.Equal(["eu-west-1"], a.Regions));
        Assert.All(accounts, a => Assert.Equal("EcsOpsAccess", a.RoleName));
    }
}
