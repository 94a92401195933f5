using System.Text;
using System.Text.Json;
using EcsOps.Aws;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Tasks;
using EcsOps.Runbooks.Exec;
using Tag = EcsOps.Aws.Ecs.Model.Tag;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// Runs a backup's dump as a one-off task of the target's service (<see cref="ServiceTaskTemplate"/>: its task
/// definition, network and launch settings) whose container runs <c>pg_dump | aws s3 cp -</c> itself with its task
/// role, so the data goes from the database to S3 inside AWS instead of through the exec session. The task is
/// started by <c>ecsops:&lt;run id&gt;</c> and tagged with the run (the audited run's tags when there is one); Ctrl-C
/// stops it (StopTask), a second one stops waiting for it.
/// </summary>
public sealed class DumpTaskRunner(AwsWorkspace workspace, IInterruptSource? interrupts = null, AuditedRun? audit = null, TaskRunnerOptions? options = null)
{
    /// <summary>The task template of the container's service.</summary>
    /// <exception cref="TaskFailedException">The container is not part of a service, or the service cannot be described.</exception>
    public async Task<ServiceTaskTemplate> DescribeAsync(DiscoveredContainer container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (container.ServiceName is not { } service)
        {
            throw new TaskFailedException(
                $"{container.Path} is a stand-alone task: --as-task starts a task from a service's task definition, so name a service's container");
        }

        var credentials = await workspace.CredentialsForAsync(container, cancellationToken);
        var ecs = workspace.Factory.CreateEcs(container.Region, credentials);
        return await ServiceTaskTemplate.DescribeAsync(ecs, container.ClusterArn, service, container.ContainerName, container.Region, cancellationToken);
    }

    /// <summary>Runs the task to its end and returns how it ended, with its report line and log messages.</summary>
    internal async Task<DumpTaskResult> RunAsync(BackupPlan plan, IReadOnlyDictionary<string, string> metadata, TransferMeter meter, CancellationToken cancellationToken)
    {
        var template = plan.Task ?? throw new InvalidOperationException("a task backup without its task template");
        var request = plan.Request;
        var connection = request.Connection as PostgresConnection.ContainerVariable
            ?? throw new InvalidOperationException("a task backup takes its connection from the container's variable");
        var credentials = await workspace.CredentialsForAsync(request.Container, cancellationToken);
        var command = PostgresScripts.DumpToS3(connection, plan.Object.ToString(), MetadataJson(metadata), plan.Facts.SizeBytes * 2);
        var runTask = template.Build(
            command,
            audit?.StartedBy ?? $"ecsops:{request.RunId}",
            audit?.Tags ?? [new Tag { Key = "ecsops:run-id", Value = request.RunId }, new Tag { Key = "ecsops:action", Value = AuditActions.DbBackup }],
            clientToken: request.RunId);
        var overridesLength = ServiceTaskTemplate.OverridesLength(runTask.Overrides!);
        if (overridesLength > ServiceTaskTemplate.MaxOverridesLength)
        {
            throw new TaskFailedException($"the dump task's command is {overridesLength} bytes of overrides, over ECS's {ServiceTaskTemplate.MaxOverridesLength}");
        }

        using var stop = new TaskStopSignal();
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var interruptCount = 0;
        using var interception = interrupts?.Intercept(() =>
        {
            if (Interlocked.Increment(ref interruptCount) > 1)
            {
                abandon.Cancel();
                return false;
            }

            stop.Request($"ecsops db backup {request.RunId}: interrupted");
            return true;
        });
        using var log = new DumpTaskLog(meter);
        meter.Begin("starting the dump task", null);
        var runner = new TaskRunner(workspace.Factory, credentials, request.Container.Region, options);
        var outcome = await runner.RunAsync(runTask, template.Container.Name, template.Logs, log, stop, abandon.Token);
        return new DumpTaskResult(outcome, log.Report, log.Messages, template.Logs is not null);
    }

    private static string MetadataJson(IReadOnlyDictionary<string, string> metadata)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
