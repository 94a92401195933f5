using System.Collections.Concurrent;
using Amazon.Runtime;
using EcsOps.Aws.Accounts;
using EcsOps.Aws.Ecs;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Http;

namespace EcsOps.Aws.Discovery;

/// <summary>
/// Finds running task containers across accounts × regions: ListClusters, then per matching cluster ListTasks
/// (desired status RUNNING) and DescribeTasks in batches of 100. Account × region pairs run concurrently, at most
/// <see cref="DiscoveryOptions.Concurrency"/> at a time; a pair that fails is reported and the others still count.
/// Cluster lists and cluster contents are served from the <see cref="DiscoveryCache"/> while fresh.
/// </summary>
public sealed class TargetDiscovery(
    AccountInventory inventory, AccountAccess access, AwsClientFactory factory, DiscoveryCache? cache, DiscoveryOptions options)
{
    /// <summary>Searches every account × region the selector allows.</summary>
    /// <param name="refresh">Ignore cached answers (they are still replaced with the fresh ones).</param>
    public async Task<DiscoveryResult> DiscoverAsync(TargetSelector selector, bool refresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var accounts = await inventory.ListAsync(cancellationToken);
        var pairs = accounts
            .Where(a => Allows(selector.Account, a.Id) || Allows(selector.Account, a.Name))
            .SelectMany(a => RegionsOf(a, selector.Region).Select(region => (Account: a, Region: region)))
            .ToList();

        var scopes = new ConcurrentBag<DiscoveryScope>();
        var found = new ConcurrentBag<DiscoveredContainer>();
        var failures = new ConcurrentBag<DiscoveryFailure>();
        await Parallel.ForEachAsync(
            pairs,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = cancellationToken },
            async (pair, ct) =>
            {
                try
                {
                    var (scope, containers) = await SearchAsync(pair.Account, pair.Region, selector, refresh, ct);
                    scopes.Add(scope);
                    foreach (var container in containers)
                    {
                        found.Add(container);
                    }
                }
                catch (Exception error) when (IsSearchFailure(error, ct))
                {
                    failures.Add(new DiscoveryFailure(pair.Account.Id, pair.Account.Name, pair.Region, Describe(error), error));
                }
            });

        var clusterContainers = found.OrderBy(c => c, DiscoveredContainerOrder.Instance).ToList();
        return new DiscoveryResult
        {
            Selector = selector,
            ClusterContainers = clusterContainers,
            Containers = clusterContainers.Where(c => MatchesWithinCluster(selector, c)).ToList(),
            Scopes = scopes.OrderBy(s => s.AccountName, StringComparer.Ordinal).ThenBy(s => s.Region, StringComparer.Ordinal).ToList(),
            AccountNames = accounts.Select(a => a.Name).ToList(),
            Failures = failures.OrderBy(f => f.AccountName, StringComparer.Ordinal).ThenBy(f => f.Region, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// Looks for one task by id, whatever its status, in the clusters a discovery run searched that match the selector's
    /// cluster: DescribeTasks also answers for tasks that stopped recently, which ListTasks(RUNNING) leaves out. Null when
    /// no searched cluster has it.
    /// </summary>
    public async Task<TaskSighting?> FindTaskAsync(DiscoveryResult result, string taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        var accounts = await inventory.ListAsync(cancellationToken);
        foreach (var scope in result.Scopes)
        {
            var account = accounts.FirstOrDefault(a => a.Id == scope.AccountId);
            if (account is null)
            {
                continue;
            }

            var ecs = factory.CreateEcs(scope.Region, await access.CredentialsForAsync(account, cancellationToken));
            foreach (var cluster in scope.ClusterNames.Where(name => Allows(result.Selector.Cluster, name)))
            {
                var tasks = await ecs.DescribeAllTasksAsync(cluster, [taskId], include: null, cancellationToken);
                if (tasks.Count > 0)
                {
                    return new TaskSighting(scope.AccountName, scope.Region, cluster, tasks[0]);
                }
            }
        }

        return null;
    }

    /// <summary>True when a container passes the service, task and container parts of the selector.</summary>
    public static bool MatchesWithinCluster(TargetSelector selector, DiscoveredContainer container)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(container);
        return Allows(selector.Service, container.ServiceName)
            && Allows(selector.Task, container.TaskId)
            && Allows(selector.Container, container.ContainerName);
    }

    private async Task<(DiscoveryScope Scope, IReadOnlyList<DiscoveredContainer> Containers)> SearchAsync(
        AwsAccount account, string region, TargetSelector selector, bool refresh, CancellationToken cancellationToken)
    {
        var credentials = await access.CredentialsForAsync(account, cancellationToken);
        var ecs = factory.CreateEcs(region, credentials);
        var entry = cache is null ? null : await cache.OpenAsync(account.Id, region, cancellationToken);

        IReadOnlyList<string>? clusterArns = null;
        if (refresh || entry is null || !entry.TryGetClusterArns(out clusterArns))
        {
            clusterArns = await ToListAsync(ecs.ListAllClusterArnsAsync(new ListClustersRequest(), cancellationToken));
            entry?.SetClusterArns(clusterArns);
        }

        var containers = new List<DiscoveredContainer>();
        foreach (var clusterArn in clusterArns.Where(arn => Allows(selector.Cluster, EcsArn.LastPart(arn))))
        {
            IReadOnlyList<DiscoveredContainer>? clusterContainers = null;
            if (refresh || entry is null || !entry.TryGetContainers(clusterArn, out clusterContainers))
            {
                clusterContainers = await FetchClusterAsync(ecs, account, region, clusterArn, cancellationToken);
                entry?.SetContainers(clusterArn, clusterContainers);
            }

            containers.AddRange(clusterContainers);
        }

        if (entry is not null)
        {
            await cache!.SaveAsync(entry, cancellationToken);
        }

        var scope = new DiscoveryScope(account.Id, account.Name, region, clusterArns.Select(EcsArn.LastPart).Order(StringComparer.Ordinal).ToList());
        return (scope, containers);
    }

    private static async Task<IReadOnlyList<DiscoveredContainer>> FetchClusterAsync(
        EcsClient ecs, AwsAccount account, string region, string clusterArn, CancellationToken cancellationToken)
    {
        var taskArns = await ToListAsync(ecs.ListAllTaskArnsAsync(
            new ListTasksRequest { Cluster = clusterArn, DesiredStatus = EcsStatus.Running }, cancellationToken));
        if (taskArns.Count == 0)
        {
            return [];
        }

        var tasks = await ecs.DescribeAllTasksAsync(clusterArn, taskArns, include: null, cancellationToken);
        var clusterName = EcsArn.LastPart(clusterArn);
        return tasks
            .SelectMany(task => (task.Containers ?? []).Select(container => ToDiscovered(account, region, clusterName, clusterArn, task, container)))
            .ToList();
    }

    private static DiscoveredContainer ToDiscovered(
        AwsAccount account, string region, string clusterName, string clusterArn, EcsTask task, Container container) => new()
    {
        AccountId = account.Id,
        AccountName = account.Name,
        Region = region,
        ClusterName = clusterName,
        ClusterArn = clusterArn,
        ServiceName = EcsArn.ServiceOfGroup(task.Group),
        TaskArn = task.TaskArn,
        TaskId = EcsArn.LastPart(task.TaskArn),
        TaskDefinitionArn = task.TaskDefinitionArn,
        TaskLastStatus = task.LastStatus,
        ContainerName = container.Name,
        RuntimeId = container.RuntimeId,
        LastStatus = container.LastStatus,
        EnableExecuteCommand = task.EnableExecuteCommand,
        ExecuteCommandAgentStatus = container.ManagedAgents?.FirstOrDefault(a => a.Name == EcsStatus.ExecuteCommandAgent)?.LastStatus,
        PlatformVersion = task.PlatformVersion,
        LaunchType = task.LaunchType,
        StartedAt = task.StartedAt,
    };

    private static IEnumerable<string> RegionsOf(AwsAccount account, GlobPattern? region)
    {
        // A region named outright is searched even when the account's list lacks it: the operator asked for it.
        if (region is { IsLiteral: true })
        {
            return [region.Text];
        }

        return account.Regions.Where(r => Allows(region, r));
    }

    private static bool Allows(GlobPattern? pattern, string? value) =>
        pattern is null || pattern.MatchesEverything || pattern.Matches(value);

    private static bool IsSearchFailure(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,

        // Expired credentials are the operator's, not the account's: every search would fail the same way.
        ExpiredCredentialsException => false,
        AwsServiceException or AwsConnectionException or AmazonServiceException or AmazonClientException
            or InvalidOperationException or HttpRequestException or Endpoints.EndpointConfigurationException => true,
        _ => false,
    };

    private static string Describe(Exception error) => error switch
    {
        AwsServiceException service => $"{service.ErrorCode}: {service.Message}",
        _ => error.Message,
    };

    private static async Task<IReadOnlyList<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
