using EcsOps.Aws.Accounts;
using EcsOps.Aws.Config;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Endpoints;
using EcsOps.Aws.Http;

namespace EcsOps.Aws;

/// <summary>
/// Everything a command needs to find and reach containers, wired from the config and the environment: the client
/// factory (endpoints, retries), the operator's credentials and per-account roles, the account inventory,
/// discovery with its cache, and the resolver. One per CLI invocation or server request scope.
/// </summary>
public sealed class AwsWorkspace : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public AwsWorkspace(AwsWorkspaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Config = options.Config;
        Environment = options.Environment;
        TimeProvider = options.TimeProvider;
        var environment = options.Environment;
        var profile = options.Profile ?? Config.Defaults.Profile ?? environment.AwsProfile();
        var sharedConfig = AwsSharedConfigFile.Load(environment);
        HomeRegion = (Config.Defaults.Regions.Count > 0 ? Config.Defaults.Regions[0] : null)
            ?? environment.AwsRegion()
            ?? (sharedConfig.Profile(profile ?? "default").TryGetValue("region", out var profileRegion) && profileRegion.Length > 0 ? profileRegion : null)
            ?? Config.Accounts.Static.Select(a => a.Regions is { Count: > 0 } regions ? regions[0] : null).FirstOrDefault(r => r is not null)
            ?? throw new ConfigException(
                Config.SourcePath, 0, 0, "no AWS region: set defaults.regions in ecsops.yaml, AWS_REGION, or region in your AWS profile");

        var retry = Config.Defaults.MaxAttempts is { } attempts
            ? RetryOptions.FromEnvironment(environment) with { MaxAttempts = attempts }
            : RetryOptions.FromEnvironment(environment);
        Factory = Own(new AwsClientFactory(new EndpointResolver(environment, profile, sharedConfig), retry, options.TimeProvider, options.HttpClient));
        BaseCredentials = options.BaseCredentials ?? Own(new SdkCredentialsProvider(profile, options.TimeProvider));
        Access = Own(new AccountAccess(Factory, BaseCredentials, HomeRegion, Config.Defaults.SessionDuration));
        Inventory = Own(new AccountInventory(Config, Access, Factory, HomeRegion));
        Cache = new DiscoveryCache(
            options.CacheDirectory ?? DiscoveryCache.DefaultDirectory(environment), Config.Defaults.CacheTtl, options.TimeProvider);
        Discovery = new TargetDiscovery(Inventory, Access, Factory, Cache, new DiscoveryOptions { Concurrency = Config.Defaults.Concurrency });
        Resolver = new TargetResolver(Discovery);
    }

    public EcsOpsConfig Config { get; }

    /// <summary>Where AWS_*, XDG_* and HOME are read.</summary>
    public IEnvironmentVariables Environment { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// The region for STS and Organizations calls and the default search region: <c>defaults.regions[0]</c>, else
    /// AWS_REGION / AWS_DEFAULT_REGION, else the profile's region, else the first region any listed account names.
    /// </summary>
    public string HomeRegion { get; }

    public AwsClientFactory Factory { get; }

    public IAwsCredentialsProvider BaseCredentials { get; }

    public AccountAccess Access { get; }

    public AccountInventory Inventory { get; }

    public DiscoveryCache Cache { get; }

    public TargetDiscovery Discovery { get; }

    public TargetResolver Resolver { get; }

    /// <summary>Credentials to act in the account of a discovered container (its role when it is not the caller's).</summary>
    public async Task<IAwsCredentialsProvider> CredentialsForAsync(DiscoveredContainer container, CancellationToken cancellationToken)
    {
        return await ContainerCredentials.ForAsync(Inventory, Access, container, cancellationToken);
    }

    /// <summary>
    /// Credentials to act in an account named in the config (name or id, as in <c>audit.cloudwatch.account</c>); the
    /// base credentials when <paramref name="account"/> is null. An id that no listed account has is assumed into with
    /// <c>defaults.roleName</c>.
    /// </summary>
    /// <exception cref="ConfigException">A name that no listed account has.</exception>
    public async Task<IAwsCredentialsProvider> CredentialsForAsync(string? account, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            return BaseCredentials;
        }

        var accounts = await Inventory.ListAsync(cancellationToken);
        var known = accounts.FirstOrDefault(a => a.Id == account || a.Name == account);
        if (known is null && account.Length == 12 && account.All(char.IsAsciiDigit))
        {
            known = new AwsAccount(account, account, [HomeRegion], Config.Defaults.RoleName);
        }

        return known is null
            ? throw new ConfigException(Config.SourcePath, 0, 0, $"no account named '{account}' in the accounts of ecsops.yaml")
            : await Access.CredentialsForAsync(known, cancellationToken);
    }

    /// <summary>Turns command-line input into a selector, with the config's aliases.</summary>
    public TargetQuery Query(string? text, TargetFlags flags) => TargetQuery.Create(text, flags, Config.Targets);

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
