using EcsOps.Runbooks.Postgres;

namespace EcsOps.Cli.Rendering;

/// <summary>What <c>ecsops db backup</c> shows before it starts (and all that <c>--dry-run</c> shows).</summary>
public static class BackupPlanView
{
    public static PlanView Build(BackupPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var request = plan.Request;
        var facts = plan.Facts;
        var estimate = plan.Estimate;
        var database = facts == DatabaseFacts.Unknown
            ? "not probed (the container cannot be reached by exec)"
            : facts.DatabaseName is null
            ? "unknown name and size (the container has no psql)"
            : $"{facts.DatabaseName}, {(facts.SizeBytes is { } size ? ByteSize.Format(size) : "size unknown")}";
        var duration = estimate.ExecDuration is { } expected
            ? $"about {DurationText.Format(expected)} or less through exec at ~{ByteSize.Format(TransferEstimate.ExecBytesPerSecond)}/s (the dump is compressed, usually smaller than the database)"
            : "unknown (no database size)";
        var way = plan.Task is { } task
            ? $"a one-off task of service {task.Service.ServiceName} ({EcsOps.Aws.Discovery.EcsArn.TaskDefinitionName(task.TaskDefinition.TaskDefinitionArn)}, "
              + $"container {task.Container.Name}) runs pg_dump | aws s3 cp with its task role; ecsops then reads the object back to check its SHA-256"
            : "pg_dump in the container, streamed through ECS Exec into an S3 multipart upload";
        if (plan.Task is not null)
        {
            duration = estimate.ExecDuration is null ? null : $"through exec it would take about {DurationText.Format(estimate.ExecDuration.Value)}; a task is not paced by the session";
        }

        return new PlanView("Backup plan")
            .Add("source", $"{request.Container.Path} (task {request.Container.TaskId})")
            .Add("how", way)
            .Add("database", database)
            .Add("connection", request.Connection.Describe())
            .Add("pg_dump", facts.PgDumpVersion ?? facts.PgDump)
            .Add("object", $"{plan.Object} (then {BackupManifest.Suffix} with its SHA-256)")
            .Add("comment", request.Comment)
            .Add("estimate", duration)
            .Add("advice", estimate.RecommendTask && plan.Task is null
                ? $"the database is larger than {ByteSize.Format(estimate.TaskThresholdBytes)}: --as-task runs pg_dump in a one-off task that writes to S3 itself"
                : null);
    }
}
