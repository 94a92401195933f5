using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Tasks;

/// <summary>What a <see cref="TaskRunner"/> reports while a one-off task runs.</summary>
public interface ITaskRunSink
{
    /// <summary>RunTask created the task (PROVISIONING).</summary>
    ValueTask TaskStartedAsync(EcsTask task, CancellationToken cancellationToken);

    /// <summary>One log event of the command's container, in order, as soon as it is read.</summary>
    ValueTask LogEventAsync(string message, DateTimeOffset timestamp, CancellationToken cancellationToken);

    /// <summary>We asked ECS to stop the task (StopTask) with this reason.</summary>
    ValueTask StoppingAsync(string reason, CancellationToken cancellationToken);
}
