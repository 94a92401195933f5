using EcsOps.Aws.Config;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Discovery;

namespace EcsOps.Aws.Accounts;

/// <summary>
/// The accounts EcsOps works across: the static list of ecsops.yaml, or the ACTIVE accounts of AWS Organizations
/// narrowed by the include/exclude globs, or, with no accounts configured, the caller's own account. Regions and
/// role names fall back to <see cref="DefaultsConfig"/>, then to the environment's region.
/// </summary>
public sealed class AccountInventory(EcsOpsConfig config, AccountAccess access, AwsClientFactory factory, string fallbackRegion)
    : IDisposable
{
    private readonly SemaphoreSlim _listing = new(1, 1);
    private IReadOnlyList<AwsAccount>? _accounts;

    /// <summary>The accounts, listed once per inventory.</summary>
    public async Task<IReadOnlyList<AwsAccount>> ListAsync(CancellationToken cancellationToken)
    {
        if (_accounts is { } known)
        {
            return known;
        }

        await _listing.WaitAsync(cancellationToken);
        try
        {
            return _accounts ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _listing.Release();
        }
    }

    public void Dispose() => _listing.Dispose();

    private async Task<IReadOnlyList<AwsAccount>> LoadAsync(CancellationToken cancellationToken)
    {
        var defaults = config.Defaults;
        var defaultRegions = defaults.Regions.Count > 0 ? defaults.Regions : [fallbackRegion];
        if (config.Accounts.Organizations is { } organizations)
        {
            return await FromOrganizationsAsync(organizations, defaultRegions, cancellationToken);
        }

        if (config.Accounts.Static.Count > 0)
        {
            return config.Accounts.Static
                .Select(entry => new AwsAccount(entry.Id, entry.Name, entry.Regions ?? defaultRegions, entry.RoleName ?? defaults.RoleName))
                .ToList();
        }

        // No inventory: the caller's own account, with the base credentials.
        var identity = await access.GetOperatorAsync(cancellationToken);
        return [new AwsAccount(identity.AccountId, identity.AccountId, defaultRegions, RoleName: null)];
    }

    private async Task<IReadOnlyList<AwsAccount>> FromOrganizationsAsync(
        OrganizationsAccountSource source, IReadOnlyList<string> defaultRegions, CancellationToken cancellationToken)
    {
        var identity = await access.GetOperatorAsync(cancellationToken);
        IAwsCredentialsProvider credentials = source.RoleArn is null
            ? access.BaseCredentials
            : access.RoleCredentials(source.RoleArn, identity.RoleSessionName);
        var client = factory.CreateOrganizations(fallbackRegion, credentials);
        var include = source.Include.Select(GlobPattern.Of).ToList();
        var exclude = source.Exclude.Select(GlobPattern.Of).ToList();
        var roleName = source.RoleName ?? config.Defaults.RoleName;
        var accounts = new List<AwsAccount>();
        await foreach (var account in client.ListAllAccountsAsync(cancellationToken))
        {
            var name = string.IsNullOrEmpty(account.Name) ? account.Id : account.Name;
            bool Matches(GlobPattern pattern) => pattern.Matches(name) || pattern.Matches(account.Id);
            if (!account.IsActive || (include.Count > 0 && !include.Any(Matches)) || exclude.Any(Matches))
            {
                continue;
            }

            accounts.Add(new AwsAccount(account.Id, name, source.Regions ?? defaultRegions, roleName));
        }

        return accounts.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
    }
}
