namespace EcsOps.Aws.Ecs.Model;

/// <summary>Status strings ECS uses for tasks, containers and managed agents.</summary>
public static class EcsStatus
{
    public const string Provisioning = "PROVISIONING";
    public const string Pending = "PENDING";
    public const string Activating = "ACTIVATING";
    public const string Running = "RUNNING";
    public const string Deactivating = "DEACTIVATING";
    public const string Stopping = "STOPPING";
    public const string Deprovisioning = "DEPROVISIONING";
    public const string Stopped = "STOPPED";
    public const string Active = "ACTIVE";
    public const string Inactive = "INACTIVE";

    /// <summary>The <c>name</c> of the managed agent that serves ECS Exec.</summary>
    public const string ExecuteCommandAgent = "ExecuteCommandAgent";
}
