using System.Text.Json;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Ecs;

public static partial class EcsApi
{
    private const int MaxRunTaskCount = 10;

    /// <summary>ECS's limit on <c>startedBy</c>.</summary>
    private const int MaxStartedByLength = 36;

    /// <summary>ECS's limit on the overrides of one RunTask, counted over their JSON (formatting included).</summary>
    private const int MaxOverridesLength = 8192;

    private const int MaxTags = 50;

    internal static ListTasksResponse ListTasks(EcsStore store, AwsRequestContext aws, ListTasksRequest request)
    {
        var desiredStatus = request.DesiredStatus ?? EcsStatus.Running;
        if (desiredStatus is not (EcsStatus.Running or EcsStatus.Pending or EcsStatus.Stopped))
        {
            throw InvalidParameter("desiredStatus must be RUNNING, PENDING or STOPPED.");
        }

        var arns = store.Read(ScopeOf(aws), region =>
        {
            var cluster = RequireCluster(region, request.Cluster);
            string? group = null;
            if (request.ServiceName is not null)
            {
                var name = EcsArns.NameFrom(request.ServiceName, "service", region.Scope);
                if (name is null || !cluster.Services.ContainsKey(name))
                {
                    throw new AwsErrorException("ServiceNotFoundException", "Service not found.");
                }

                group = "service:" + name;
            }

            return cluster.Tasks.Values
                .Where(t => desiredStatus == EcsStatus.Pending
                    ? t.DesiredStatus == EcsStatus.Running && t.LastStatus is EcsStatus.Provisioning or EcsStatus.Pending
                    : t.DesiredStatus == desiredStatus)
                .Where(t => group is null || t.Group == group)
                .Where(t => request.Family is null || FamilyOf(t.TaskDefinitionArn) == request.Family)
                .Where(t => request.StartedBy is null || t.StartedBy == request.StartedBy)
                .Where(t => request.LaunchType is null || t.LaunchType == request.LaunchType)
                .Where(_ => request.ContainerInstance is null)
                .Select(t => t.TaskArn)
                .Order(StringComparer.Ordinal)
                .ToList();
        });
        var (page, next) = PageToken.Page(arns, request.NextToken, request.MaxResults, 100, 100, InvalidParameter);
        return new ListTasksResponse { TaskArns = page, NextToken = next };
    }

    internal static DescribeTasksResponse DescribeTasks(EcsStore store, AwsRequestContext aws, DescribeTasksRequest request)
    {
        if (request.Tasks is not { Count: > 0 and <= 100 })
        {
            throw InvalidParameter("Tasks must contain between 1 and 100 task ids or ARNs.");
        }

        return store.Read(ScopeOf(aws), region =>
        {
            var cluster = RequireCluster(region, request.Cluster);
            var tasks = new List<EcsTask>();
            var failures = new List<Failure>();
            foreach (var idOrArn in request.Tasks)
            {
                var id = EcsArns.NameFrom(idOrArn, "task", region.Scope);
                if (id is not null && cluster.Tasks.TryGetValue(id, out var task))
                {
                    tasks.Add(Includes(request.Include, "TAGS") ? task with { Tags = task.Tags ?? [] } : task with { Tags = null });
                }
                else
                {
                    failures.Add(Missing(idOrArn, id => EcsArns.Task(region.Scope, cluster.Model.ClusterName, id)));
                }
            }

            return new DescribeTasksResponse { Tasks = tasks, Failures = failures };
        });
    }

    internal static DescribeTaskDefinitionResponse DescribeTaskDefinition(EcsStore store, AwsRequestContext aws, DescribeTaskDefinitionRequest request)
    {
        if (string.IsNullOrEmpty(request.TaskDefinition))
        {
            throw InvalidParameter("taskDefinition must be specified.");
        }

        var definition = store.Read(ScopeOf(aws), region => region.FindTaskDefinition(request.TaskDefinition))
            ?? throw new AwsErrorException("ClientException", "Unable to describe task definition.");
        return new DescribeTaskDefinitionResponse
        {
            TaskDefinition = definition,
            Tags = Includes(request.Include, "TAGS") ? [] : null,
        };
    }

    /// <summary>
    /// Records the tasks as PROVISIONING and returns them; the <see cref="EcsTaskScheduler"/> then launches them
    /// through the configured <see cref="ITaskLauncher"/> and records them RUNNING.
    /// </summary>
    internal static RunTaskResponse RunTask(EcsStore store, EcsTaskScheduler scheduler, AwsRequestContext aws, RunTaskRequest request)
    {
        if (string.IsNullOrEmpty(request.TaskDefinition))
        {
            throw InvalidParameter("taskDefinition must be specified.");
        }

        var count = request.Count ?? 1;
        if (count is < 1 or > MaxRunTaskCount)
        {
            throw InvalidParameter($"count must be between 1 and {MaxRunTaskCount}.");
        }

        if (request.StartedBy is { Length: > MaxStartedByLength })
        {
            throw InvalidParameter($"startedBy can have at most {MaxStartedByLength} characters.");
        }

        if (request.Overrides is { } overrides
            && JsonSerializer.SerializeToUtf8Bytes(overrides, EcsJsonContext.Default.TaskOverride).Length > MaxOverridesLength)
        {
            throw InvalidParameter($"Container Overrides length must be at most {MaxOverridesLength}");
        }

        if (request.Tags is { Count: > MaxTags })
        {
            throw InvalidParameter($"A maximum of {MaxTags} tags may be specified.");
        }

        var strategy = request.CapacityProviderStrategy is { Count: > 0 } items ? items : null;
        if (strategy is not null && request.LaunchType is not null)
        {
            throw InvalidParameter("Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.");
        }

        var launchType = strategy is null ? request.LaunchType ?? "FARGATE" : "FARGATE";
        if (launchType != "FARGATE")
        {
            throw InvalidParameter("No Container Instances were found in your cluster.");
        }

        var now = store.TimeProvider.GetUtcNow();
        var scope = ScopeOf(aws);
        var (clusterName, definition, tasks) = store.Write(scope, region =>
        {
            var cluster = RequireCluster(region, request.Cluster);
            var capacityProvider = strategy is null ? null : ChooseCapacityProvider(strategy, cluster.Model);
            var definition = region.FindTaskDefinition(request.TaskDefinition)
                ?? throw new AwsErrorException("ClientException", "TaskDefinition not found.");
            if (definition.NetworkMode == "awsvpc" && request.NetworkConfiguration?.AwsvpcConfiguration?.Subnets is not { Count: > 0 })
            {
                throw InvalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
            }

            foreach (var containerOverride in request.Overrides?.ContainerOverrides ?? [])
            {
                if (!definition.ContainerDefinitions.Any(c => c.Name == containerOverride.Name))
                {
                    throw InvalidParameter($"Override for container named {containerOverride.Name} is not a container in the TaskDefinition.");
                }
            }

            var created = new List<EcsTask>();
            for (var i = 0; i < count; i++)
            {
                var placement = new EcsTaskFactory.Placement(
                    region.Scope,
                    cluster.Model.ClusterName,
                    EcsTaskFactory.NewTaskId(),
                    request.Group ?? "family:" + definition.Family,
                    request.StartedBy,
                    request.EnableExecuteCommand,
                    launchType,
                    request.PlatformVersion is null or "LATEST" ? "1.4.0" : request.PlatformVersion,
                    request.NetworkConfiguration,
                    request.Overrides,
                    request.Tags)
                {
                    CapacityProviderName = capacityProvider,
                };
                var task = EcsTaskFactory.Provisioning(placement, definition, now);
                cluster.Tasks[placement.TaskId] = task;
                created.Add(task);
            }

            return (cluster.Model.ClusterName, definition, created);
        });

        foreach (var task in tasks)
        {
            scheduler.Launch(scope, clusterName, task, definition);
        }

        return new RunTaskResponse { Tasks = tasks, Failures = [] };
    }

    internal static StopTaskResponse StopTask(EcsStore store, EcsTaskScheduler scheduler, AwsRequestContext aws, StopTaskRequest request)
    {
        if (string.IsNullOrEmpty(request.Task))
        {
            throw InvalidParameter("task must be specified.");
        }

        var now = store.TimeProvider.GetUtcNow();
        var scope = ScopeOf(aws);
        var (clusterName, stopping, launched) = store.Write(scope, region =>
        {
            var cluster = RequireCluster(region, request.Cluster);
            var id = EcsArns.NameFrom(request.Task, "task", region.Scope);
            if (id is null || !cluster.Tasks.TryGetValue(id, out var task))
            {
                throw InvalidParameter("The referenced task was not found.");
            }

            if (task.DesiredStatus == EcsStatus.Stopped)
            {
                return (cluster.Model.ClusterName, task, Launched: false);
            }

            var stopping = task with
            {
                DesiredStatus = EcsStatus.Stopped,
                StopCode = "UserInitiated",
                StoppedReason = request.Reason ?? "Task stopped by user",
                StoppingAt = now,
                Version = task.Version + 1,
            };
            cluster.Tasks[id] = stopping;
            return (cluster.Model.ClusterName, stopping, Launched: task.LastStatus != EcsStatus.Provisioning);
        });

        if (launched)
        {
            scheduler.Stop(scope, clusterName, stopping, request.Reason);
        }

        return new StopTaskResponse { Task = stopping };
    }

    /// <summary>
    /// The provider a strategy places one task with: the first with a base, else the first with a weight. Every provider
    /// must be associated with the cluster (on Fargate: FARGATE and FARGATE_SPOT).
    /// </summary>
    private static string ChooseCapacityProvider(IReadOnlyList<CapacityProviderStrategyItem> strategy, Cluster cluster)
    {
        foreach (var item in strategy)
        {
            if (!(cluster.CapacityProviders ?? []).Contains(item.CapacityProvider))
            {
                throw InvalidParameter(
                    "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. "
                    + "Associate the capacity provider with the cluster or specify a valid capacity provider and try again.");
            }
        }

        return (strategy.FirstOrDefault(i => i.Base > 0) ?? strategy.FirstOrDefault(i => i.Weight > 0) ?? strategy[0]).CapacityProvider;
    }

    private static string? FamilyOf(string? taskDefinitionArn)
    {
        if (taskDefinitionArn is null)
        {
            return null;
        }

        var slash = taskDefinitionArn.LastIndexOf('/');
        var colon = taskDefinitionArn.LastIndexOf(':');
        return colon > slash ? taskDefinitionArn[(slash + 1)..colon] : taskDefinitionArn[(slash + 1)..];
    }
}
