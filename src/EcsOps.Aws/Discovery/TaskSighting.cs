using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Discovery;

/// <summary>A task found by id in a searched cluster, whatever its status (a stopped task discovery does not list).</summary>
public sealed record TaskSighting(string AccountName, string Region, string ClusterName, EcsTask Task)
{
    /// <summary>One sentence: where the task is, its status and, when stopped, since when and why.</summary>
    public string Describe()
    {
        var id = EcsArn.LastPart(Task.TaskArn);
        var status = Task.LastStatus ?? "unknown";
        var desired = Task.DesiredStatus is { } d && d != status ? $" (desired {d})" : "";
        var since = Task.StoppedAt is { } stoppedAt ? $" since {stoppedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : "";
        var reason = Task.StoppedReason is { Length: > 0 } why ? $": {why.TrimEnd('.')}" : "";
        return $"task {id} in {AccountName}/{Region}/{ClusterName} is {status}{desired}{since}{reason}";
    }
}
