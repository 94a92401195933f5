using EcsOps.Aws.Credentials;
using EcsOps.Aws.Discovery;

namespace EcsOps.Aws.Accounts;

/// <summary>Credentials to act in the account a discovered container lives in (its role, unless it is the caller's).</summary>
public static class ContainerCredentials
{
    public static async Task<IAwsCredentialsProvider> ForAsync(
        AccountInventory inventory, AccountAccess access, DiscoveredContainer container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(container);
        var accounts = await inventory.ListAsync(cancellationToken);
        var account = accounts.FirstOrDefault(a => a.Id == container.AccountId)
            ?? new AwsAccount(container.AccountId, container.AccountName, [container.Region], null);
        return await access.CredentialsForAsync(account, cancellationToken);
    }
}
