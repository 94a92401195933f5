using System.Text;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Tasks;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Running;

/// <summary>A task's log events as lines of the run's output, and its life as progress messages.</summary>
internal sealed class TaskOutputSink(RunStreams streams) : ITaskRunSink
{
    public ValueTask TaskStartedAsync(EcsTask task, CancellationToken cancellationToken)
    {
        streams.Progress?.Invoke($"started task {task.TaskArn}");
        return ValueTask.CompletedTask;
    }

    public async ValueTask LogEventAsync(string message, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        try
        {
            await streams.Output.WriteAsync(Encoding.UTF8.GetBytes(message + "\n"), cancellationToken);
            await streams.Output.FlushAsync(cancellationToken);
        }
        catch (IOException error) when (error is not OutputClosedException)
        {
            throw new OutputClosedException("the reader of the task's output went away", error);
        }
    }

    public ValueTask StoppingAsync(string reason, CancellationToken cancellationToken)
    {
        streams.Progress?.Invoke($"stopping the task: {reason}");
        return ValueTask.CompletedTask;
    }
}
