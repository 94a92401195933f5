using EcsOps.Aws.Config;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Http;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Discovery;

[Collection(DefaultWorldCollection.Name)]
public class TargetDiscoveryTests(DefaultWorldSandbox sandbox)
{
    private const string DevWebTask = "11111111111111111111111111111111";
    private const string DevWorkerTask = "22222222222222222222222222222222";

    private AwsWorkspace Workspace(string yaml = DefaultWorldSandbox.Config) => sandbox.Workspace(ConfigLoader.Parse(yaml));

    private static async Task<DiscoveryResult> DiscoverAsync(AwsWorkspace workspace, string? selector, TargetFlags? flags = null) =>
        await workspace.Discovery.DiscoverAsync(workspace.Query(selector, flags ?? TargetFlags.None).Selector, refresh: false, CancellationToken.None);

    private static async Task<TargetResolution> ResolveAsync(AwsWorkspace workspace, string? selector, TargetFlags? flags = null) =>
        await workspace.Resolver.ResolveAsync(workspace.Query(selector, flags ?? TargetFlags.None).Selector, refresh: false, CancellationToken.None);

    [Fact]
    public async Task Discover_Everything_FindsEveryContainerOfBothAccounts()
    {
        using var workspace = Workspace();

        var result = await DiscoverAsync(workspace, null);

        Assert.Empty(result.Failures);
        Assert.Equal(
            ["dev/us-east-1/dev-web/web/app", "dev/us-east-1/dev-web/worker/worker",
             "prod/eu-west-1/prod-api/api/api", "prod/eu-west-1/prod-api/api/envoy",
             "prod/eu-west-1/prod-api/api/api", "prod/eu-west-1/prod-api/api/envoy"],
            result.Containers.Select(c => c.Path));
        Assert.Equal(["dev/us-east-1", "prod/eu-west-1"], result.Scopes.Select(s => $"{s.AccountName}/{s.Region}"));
    }

    [Fact]
    public async Task Discover_DevWebApp_RowCarriesEverythingForASession()
    {
        using var workspace = Workspace();

        var app = Assert.Single((await DiscoverAsync(workspace, "dev-web/web/app")).Containers);

        Assert.Equal("111111111111", app.AccountId);
        Assert.Equal("dev", app.AccountName);
        Assert.Equal("arn:aws:ecs:us-east-1:111111111111:cluster/dev-web", app.ClusterArn);
        Assert.Equal(DevWebTask, app.TaskId);
        Assert.Equal("web:3", app.TaskDefinitionName);
        Assert.Equal("RUNNING", app.LastStatus);
        Assert.Equal("RUNNING", app.ExecuteCommandAgentStatus);
        Assert.Equal("1.4.0", app.PlatformVersion);
        Assert.Equal("FARGATE", app.LaunchType);
        Assert.True(app.Readiness.IsReady);
        Assert.Equal($"ecs:dev-web_{DevWebTask}_{app.RuntimeId}", app.SsmTarget.ToString());
    }

    [Fact]
    public async Task Discover_ExecDisabledAndAgentPending_ReadinessSaysWhy()
    {
        using var workspace = Workspace();

        var result = await DiscoverAsync(workspace, null);

        var worker = result.Containers.Single(c => c.TaskId == DevWorkerTask);
        Assert.False(worker.Readiness.IsReady);
        Assert.Contains("enableExecuteCommand", Assert.Single(worker.Readiness.Problems), StringComparison.Ordinal);
        var pending = result.Containers.Single(c => c.TaskId == "44444444444444444444444444444444" && c.ContainerName == "api");
        Assert.Equal("PENDING", pending.ExecuteCommandAgentStatus);
        Assert.False(pending.Readiness.AgentRunning);
    }

    [Fact]
    public async Task Discover_AccountAndRegionFlags_LimitTheSearch()
    {
        using var workspace = Workspace();

        var result = await DiscoverAsync(workspace, null, new TargetFlags { Account = "222222222222", Region = "eu-*" });

        Assert.Equal(["prod/eu-west-1"], result.Scopes.Select(s => $"{s.AccountName}/{s.Region}"));
        Assert.Equal(4, result.Containers.Count);
    }

    [Fact]
    public async Task Discover_LiteralRegionOutsideAccountList_IsSearchedAnyway()
    {
        using var workspace = Workspace();

        var result = await DiscoverAsync(workspace, "dev/eu-west-1");

        Assert.Equal("dev/eu-west-1", Assert.Single(result.Scopes) is var scope ? $"{scope.AccountName}/{scope.Region}" : "");
        Assert.Empty(result.Containers);
    }

    [Fact]
    public async Task Discover_NoAccountsConfigured_SearchesTheCallersOwnAccount()
    {
        using var workspace = sandbox.Workspace(EcsOpsConfig.Empty, region: "us-east-1");

        var result = await DiscoverAsync(workspace, null);

        Assert.Equal(["111111111111/us-east-1"], result.Scopes.Select(s => $"{s.AccountName}/{s.Region}"));
        Assert.Equal(2, result.Containers.Count);
    }

    [Fact]
    public async Task Discover_AccountWhoseRoleCannotBeAssumed_IsAFailureNotAnError()
    {
        using var workspace = Workspace(DefaultWorldSandbox.Config.Replace(
            "defaults:", "  - { id: \"333333333333\", name: ghost, regions: [us-east-1] }\ndefaults:", StringComparison.Ordinal));

        var result = await DiscoverAsync(workspace, null);

        var failure = Assert.Single(result.Failures);
        Assert.Equal("ghost", failure.AccountName);
        Assert.IsType<AccessDeniedException>(failure.Exception);
        Assert.Equal(6, result.Containers.Count);
    }

    [Fact]
    public async Task Resolve_DevWebService_ResolvesTheOnlyContainer()
    {
        using var workspace = Workspace();

        var resolution = await ResolveAsync(workspace, "dev-web/web");

        var resolved = Assert.IsType<TargetResolution.Resolved>(resolution);
        Assert.Equal("app", resolved.Container.ContainerName);
        Assert.Empty(resolved.Failures);
    }

    [Fact]
    public async Task Resolve_Alias_ResolvesThroughTheConfig()
    {
        using var workspace = Workspace(DefaultWorldSandbox.Config + "\ntargets:\n  web: dev/us-east-1/dev-web/web\n");

        var resolution = await ResolveAsync(workspace, "web");

        Assert.Equal(DevWebTask, Assert.IsType<TargetResolution.Resolved>(resolution).Container.TaskId);
    }

    [Fact]
    public async Task Resolve_TwoTasksOfProdApi_IsAmbiguousWithBothCandidates()
    {
        using var workspace = Workspace();

        var resolution = await ResolveAsync(workspace, "prod/eu-west-1/prod-api/api/api");

        var ambiguous = Assert.IsType<TargetResolution.Ambiguous>(resolution);
        Assert.Equal(["33333333333333333333333333333333", "44444444444444444444444444444444"], ambiguous.Candidates.Select(c => c.TaskId));
    }

    [Fact]
    public async Task Resolve_TaskFlag_NarrowsAmbiguityToOne()
    {
        using var workspace = Workspace();

        var resolution = await ResolveAsync(workspace, "prod-api/api/api", new TargetFlags { Task = "3333*" });

        Assert.Equal("33333333333333333333333333333333", Assert.IsType<TargetResolution.Resolved>(resolution).Container.TaskId);
    }

    [Theory]
    [InlineData("nope", "No cluster matching 'nope' has running tasks", "(clusters: dev-web, prod-api)")]
    [InlineData("dev-web/api", "No running task of a service matching 'api'", "(services with running tasks: web, worker)")]
    [InlineData("dev-web/web/sidecar", "No container matching 'sidecar'", "(containers: app)")]
    public async Task Resolve_NothingMatches_HintNamesWhatExists(string selector, string start, string names)
    {
        using var workspace = Workspace();

        var resolution = await ResolveAsync(workspace, selector);

        var hint = Assert.IsType<TargetResolution.NoMatch>(resolution).Hint;
        Assert.StartsWith(start, hint, StringComparison.Ordinal);
        Assert.Contains(names, hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_UnknownAccount_HintListsAccounts()
    {
        using var workspace = Workspace();

        var resolution = await ResolveAsync(workspace, null, new TargetFlags { Account = "staging" });

        Assert.Equal("No configured account matches 'staging' (accounts: dev, prod).", Assert.IsType<TargetResolution.NoMatch>(resolution).Hint);
    }

    [Fact]
    public async Task Resolve_NoMatchWithFailures_HintMentionsUnsearchedAccounts()
    {
        using var workspace = Workspace(DefaultWorldSandbox.Config.Replace(
            "defaults:", "  - { id: \"333333333333\", name: ghost, regions: [us-east-1] }\ndefaults:", StringComparison.Ordinal));

        var resolution = await ResolveAsync(workspace, "nope");

        var noMatch = Assert.IsType<TargetResolution.NoMatch>(resolution);
        Assert.Contains("Could not search ghost/us-east-1 (AccessDenied:", noMatch.Hint, StringComparison.Ordinal);
        Assert.Single(noMatch.Failures);
    }
}
