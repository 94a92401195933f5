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
        return await access.CredentialsForAsync(await inventory.AccountOfAsync(container, cancellationToken), cancellationToken);
    }
}
