namespace EcsOps.Runbooks;

/// <summary>Where a runbook's command runs.</summary>
public enum RunbookMode
{
    /// <summary>In a running container of the target, over ECS Exec, with the real exit code.</summary>
    Exec,

    /// <summary>In a one-off task started from the target service's task definition (RunTask), waited for to STOPPED.</summary>
    Task,
}
