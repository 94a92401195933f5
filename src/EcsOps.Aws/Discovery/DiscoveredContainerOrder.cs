namespace EcsOps.Aws.Discovery;

/// <summary>The listing order: account name, region, cluster, service (stand-alone tasks last), task id, container.</summary>
public sealed class DiscoveredContainerOrder : IComparer<DiscoveredContainer>
{
    public static readonly DiscoveredContainerOrder Instance = new();

    public int Compare(DiscoveredContainer? x, DiscoveredContainer? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        int result;
        if ((result = string.CompareOrdinal(x.AccountName, y.AccountName)) != 0
            || (result = string.CompareOrdinal(x.Region, y.Region)) != 0
            || (result = string.CompareOrdinal(x.ClusterName, y.ClusterName)) != 0
            || (result = CompareServices(x.ServiceName, y.ServiceName)) != 0
            || (result = string.CompareOrdinal(x.TaskId, y.TaskId)) != 0)
        {
            return result;
        }

        return string.CompareOrdinal(x.ContainerName, y.ContainerName);
    }

    private static int CompareServices(string? x, string? y) =>
        x is null ? (y is null ? 0 : 1) : y is null ? -1 : string.CompareOrdinal(x, y);
}
