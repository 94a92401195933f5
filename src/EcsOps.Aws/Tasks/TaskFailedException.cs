namespace EcsOps.Aws.Tasks;

/// <summary>
/// A one-off task that did not run its command to an exit code: RunTask refused it (no capacity, a bad definition,
/// access), or it stopped without an exit code for the container (image pull or secret failures, stoppedReason says
/// why). The message is one line naming the task and ECS's reason.
/// </summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException()
    {
    }

    public TaskFailedException(string message) : base(message)
    {
    }

    public TaskFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public TaskFailedException(string message, string? taskArn)
        : base(message) => TaskArn = taskArn;

    /// <summary>The task, when RunTask created one.</summary>
    public string? TaskArn { get; }
}
