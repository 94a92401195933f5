using System.Text;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Tasks;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// Follows a dump task: its log lines (pg_dump's and the AWS CLI's messages) kept as a bounded tail for error
/// messages, the report line picked out, and the task's life shown as the meter's phase.
/// </summary>
internal sealed class DumpTaskLog(TransferMeter meter) : ITaskRunSink, IDisposable
{
    private readonly TailStream _tail = new();

    public DumpTaskReport? Report { get; private set; }

    public string? TaskArn { get; private set; }

    /// <summary>The log lines other than the report, last ones kept.</summary>
    public string Messages => _tail.Text.Trim();

    public ValueTask TaskStartedAsync(EcsTask task, CancellationToken cancellationToken)
    {
        TaskArn = task.TaskArn;
        meter.Begin($"dumping in task {task.TaskArn[(task.TaskArn.LastIndexOf('/') + 1)..]}", null);
        return ValueTask.CompletedTask;
    }

    public ValueTask LogEventAsync(string message, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        if (DumpTaskReport.TryParse(message) is { } report)
        {
            Report = report;
        }
        else
        {
            _tail.Write(Encoding.UTF8.GetBytes(message + "\n"));
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose() => _tail.Dispose();

    public ValueTask StoppingAsync(string reason, CancellationToken cancellationToken)
    {
        meter.Begin("stopping the task", null);
        return ValueTask.CompletedTask;
    }
}
