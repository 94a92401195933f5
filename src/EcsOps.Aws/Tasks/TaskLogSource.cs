using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Tasks;

/// <summary>
/// Where the awslogs driver sends one container's output: stream <c>&lt;prefix&gt;/&lt;container&gt;/&lt;task id&gt;</c>
/// in the container definition's <c>awslogs-group</c>, in <c>awslogs-region</c> (else the task's region).
/// </summary>
/// <param name="LogGroup">The log group.</param>
/// <param name="StreamPrefix">The <c>awslogs-stream-prefix</c>.</param>
/// <param name="Region">The region of the log group.</param>
/// <param name="ContainerName">The container whose output this is.</param>
public sealed record TaskLogSource(string LogGroup, string StreamPrefix, string Region, string ContainerName)
{
    /// <summary>The source of a container that logs with awslogs and a stream prefix; null otherwise (no stream name can be known).</summary>
    public static TaskLogSource? For(ContainerDefinition container, string taskRegion)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (container.LogConfiguration is not { LogDriver: "awslogs", Options: { } options }
            || options.GetValueOrDefault("awslogs-group") is not { Length: > 0 } group
            || options.GetValueOrDefault("awslogs-stream-prefix") is not { Length: > 0 } prefix)
        {
            return null;
        }

        return new TaskLogSource(group, prefix, options.GetValueOrDefault("awslogs-region") is { Length: > 0 } region ? region : taskRegion, container.Name);
    }

    /// <summary>The stream of the container in task <paramref name="taskId"/>.</summary>
    public string StreamName(string taskId) => $"{StreamPrefix}/{ContainerName}/{taskId}";
}
