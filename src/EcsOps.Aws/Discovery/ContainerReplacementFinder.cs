namespace EcsOps.Aws.Discovery;

/// <summary>
/// Finds what now runs in a container's place, for a long-lived session (a port forward) whose task may have been
/// replaced: the same account, region, cluster, service and container name, asked afresh (the cache is bypassed).
/// A service's tasks are interchangeable, so any running one will do, the old one first; a stand-alone task has no
/// replacement, only itself.
/// </summary>
public sealed class ContainerReplacementFinder(TargetDiscovery discovery)
{
    private static readonly HashSet<string> s_startingStatuses = new(StringComparer.Ordinal) { "PROVISIONING", "PENDING", "ACTIVATING" };

    public async Task<ContainerReplacement> FindAsync(DiscoveredContainer previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var result = await discovery.DiscoverAsync(PlaceOf(previous), refresh: true, cancellationToken);
        if (result.Failures.Count > 0 && result.Containers.Count == 0)
        {
            // The place could not be searched, so nothing is known about it: the caller retries.
            var failure = result.Failures[0];
            return new ContainerReplacement(null, Starting: true, $"{failure.AccountName}/{failure.Region} could not be searched: {failure.Message}");
        }

        var running = result.Containers.Where(c => c.IsRunning).ToList();
        var chosen = running.FirstOrDefault(c => c.TaskArn == previous.TaskArn)
            ?? running.OrderByDescending(c => c.StartedAt ?? DateTimeOffset.MinValue).FirstOrDefault();
        if (chosen is not null)
        {
            return new ContainerReplacement(chosen, Starting: false, "");
        }

        var starting = result.Containers.Where(c => c.TaskLastStatus is { } status && s_startingStatuses.Contains(status)).ToList();
        return starting.Count > 0
            ? new ContainerReplacement(null, Starting: true, $"task {starting[0].TaskId} is {starting[0].TaskLastStatus} in {previous.Path}")
            : new ContainerReplacement(null, Starting: false, previous.ServiceName is null
                ? $"stand-alone task {previous.TaskId} is no longer running"
                : $"task {previous.TaskId} is no longer running and no other task of service {previous.ServiceName} runs {previous.ContainerName}");
    }

    /// <summary>The selector naming exactly the container's place (names are literal: ECS names have no glob characters).</summary>
    private static TargetSelector PlaceOf(DiscoveredContainer container) => new()
    {
        Account = GlobPattern.Of(container.AccountId),
        Region = GlobPattern.Of(container.Region),
        Cluster = GlobPattern.Of(container.ClusterName),
        Service = container.ServiceName is null ? null : GlobPattern.Of(container.ServiceName),
        Task = container.ServiceName is null ? GlobPattern.Of(container.TaskId) : null,
        Container = GlobPattern.Of(container.ContainerName),
    };
}
