using EcsOps.Aws.Accounts;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Ecs;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Http;
using EcsOps.Aws.Logs.Model;

namespace EcsOps.Aws.Inspect;

/// <summary>
/// Reads what ECS and CloudWatch Logs know about a discovered container's task, acting in the container's account:
/// the task and its definition, the revision to compare it with, the service's recently stopped tasks, and the tail
/// of the container's awslogs stream. No exec; nothing is changed.
/// </summary>
public sealed class TaskInspector(AwsClientFactory factory, AccountAccess access, AccountInventory inventory)
{
    /// <summary>The most stopped tasks reported (ECS keeps them for about an hour).</summary>
    public const int MaxStoppedTasks = 10;

    public static TaskInspector For(AwsWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return new TaskInspector(workspace.Factory, workspace.Access, workspace.Inventory);
    }

    /// <exception cref="ResourceNotFoundException">The task is gone.</exception>
    public async Task<TaskFacts> DescribeAsync(DiscoveredContainer container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var ecs = await EcsAsync(container, cancellationToken);
        var tasks = await ecs.DescribeAllTasksAsync(container.ClusterArn, [container.TaskArn], ["TAGS"], cancellationToken);
        var task = (tasks.Count > 0 ? tasks[0] : null)
            ?? throw new ResourceNotFoundException($"task {container.TaskId} is no longer known to ECS (it may have stopped more than an hour ago)");
        var definition = task.TaskDefinitionArn is { } arn ? await DescribeDefinitionAsync(ecs, arn, cancellationToken) : null;
        Service? service = null;
        if (container.ServiceName is { } serviceName)
        {
            var services = await ecs.DescribeAllServicesAsync(container.ClusterArn, [serviceName], cancellationToken);
            service = services.Count > 0 ? services[0] : null;
        }

        return new TaskFacts(task, definition, service);
    }

    /// <summary>
    /// The task's revision and the one to compare it with: the service's (which differs while a deployment replaces
    /// tasks), else the family's newest ACTIVE revision when that is newer (registered but not deployed).
    /// </summary>
    public async Task<DefinitionComparison?> CompareDefinitionsAsync(
        DiscoveredContainer container, TaskFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Definition is not { } running)
        {
            return null;
        }

        var ecs = await EcsAsync(container, cancellationToken);
        if (facts.Service?.TaskDefinition is { } wanted && wanted != running.TaskDefinitionArn
            && await DescribeDefinitionAsync(ecs, wanted, cancellationToken) is { } serviceDefinition)
        {
            return new DefinitionComparison(running, serviceDefinition, "service");
        }

        if (await DescribeDefinitionAsync(ecs, running.Family, cancellationToken) is { } latest && latest.Revision > running.Revision)
        {
            return new DefinitionComparison(running, latest, "latest");
        }

        return new DefinitionComparison(running, null, null);
    }

    /// <summary>The newest stopped tasks of the task's service (or of its task definition family, for stand-alone tasks).</summary>
    public async Task<IReadOnlyList<EcsTask>> ListStoppedAsync(DiscoveredContainer container, TaskFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(facts);
        var ecs = await EcsAsync(container, cancellationToken);
        var request = new ListTasksRequest
        {
            Cluster = container.ClusterArn,
            DesiredStatus = EcsStatus.Stopped,
            ServiceName = container.ServiceName,
            Family = container.ServiceName is null ? facts.Definition?.Family : null,
        };
        var arns = new List<string>();
        await foreach (var arn in ecs.ListAllTaskArnsAsync(request, cancellationToken))
        {
            arns.Add(arn);
        }

        if (arns.Count == 0)
        {
            return [];
        }

        var tasks = await ecs.DescribeAllTasksAsync(container.ClusterArn, arns, null, cancellationToken);
        return [.. tasks.OrderByDescending(t => t.StoppedAt ?? t.StoppingAt ?? DateTimeOffset.MinValue).Take(MaxStoppedTasks)];
    }

    /// <summary>The last <paramref name="lines"/> events of the container's awslogs stream, oldest first.</summary>
    public async Task<LogTail> ReadLogTailAsync(DiscoveredContainer container, TaskFacts facts, int lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(facts);
        var definition = facts.Definition?.ContainerDefinitions.FirstOrDefault(c => c.Name == container.ContainerName);
        if (definition?.LogConfiguration is not { } logging)
        {
            return LogTail.Missing("the container has no log configuration");
        }

        if (logging.LogDriver != "awslogs")
        {
            return LogTail.Missing($"the container logs with {logging.LogDriver}, not awslogs; its lines are not in CloudWatch Logs under a known name");
        }

        var options = logging.Options ?? new Dictionary<string, string>();
        if (options.GetValueOrDefault("awslogs-group") is not { Length: > 0 } group)
        {
            return LogTail.Missing("the awslogs configuration names no awslogs-group");
        }

        if (options.GetValueOrDefault("awslogs-stream-prefix") is not { Length: > 0 } prefix)
        {
            return LogTail.Missing("without awslogs-stream-prefix the stream is named after the Docker container id, which Fargate does not report");
        }

        var region = options.GetValueOrDefault("awslogs-region") ?? container.Region;
        var stream = $"{prefix}/{container.ContainerName}/{container.TaskId}";
        var credentials = await CredentialsAsync(container, cancellationToken);
        var logs = factory.CreateLogs(region, credentials);
        try
        {
            var page = await logs.GetLogEventsAsync(
                new GetLogEventsRequest { LogGroupName = group, LogStreamName = stream, Limit = lines, StartFromHead = false }, cancellationToken);
            return new LogTail(group, stream, region, page.Events, null);
        }
        catch (ResourceNotFoundException)
        {
            return new LogTail(group, stream, region, [], "the log group or stream does not exist (yet)");
        }
    }

    private async Task<EcsClient> EcsAsync(DiscoveredContainer container, CancellationToken cancellationToken) =>
        factory.CreateEcs(container.Region, await CredentialsAsync(container, cancellationToken));

    private Task<IAwsCredentialsProvider> CredentialsAsync(DiscoveredContainer container, CancellationToken cancellationToken) =>
        ContainerCredentials.ForAsync(inventory, access, container, cancellationToken);

    private static async Task<TaskDefinition?> DescribeDefinitionAsync(EcsClient ecs, string reference, CancellationToken cancellationToken)
    {
        try
        {
            var response = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = reference }, cancellationToken);
            return response.TaskDefinition;
        }
        catch (AwsServiceException error) when (error.ErrorCode is "ClientException" or "ResourceNotFoundException")
        {
            return null;
        }
    }
}
