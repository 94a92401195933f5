namespace EcsOps.Aws.Discovery;

/// <summary>
/// Whether ECS Exec can reach a container, from what DescribeTasks says: the task was started with
/// <c>enableExecuteCommand</c>, the task is RUNNING (not still starting), the container's ExecuteCommandAgent is RUNNING,
/// and on Fargate the platform version is 1.4.0 or later. (IAM and networking problems only show when a session is
/// attempted; <c>doctor</c> checks them.)
/// </summary>
public readonly record struct ExecReadiness(bool ExecuteCommandEnabled, bool AgentRunning, bool PlatformSupportsExec, string? TaskStatus = null)
{
    /// <summary>The oldest Fargate platform version with ECS Exec.</summary>
    public static readonly Version MinimumFargatePlatformVersion = new(1, 4, 0);

    /// <summary>True when nothing visible stands in the way of ECS Exec.</summary>
    public bool IsReady => ExecuteCommandEnabled && TaskRunning && AgentRunning && PlatformSupportsExec;

    /// <summary>False only when the task's status is known and is not RUNNING (PROVISIONING, PENDING, ACTIVATING…).</summary>
    public bool TaskRunning => TaskStatus is null or "RUNNING";

    /// <summary>What stands in the way, one sentence each; empty when ready.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>();
            if (!ExecuteCommandEnabled)
            {
                problems.Add("the task was started without enableExecuteCommand (update the service with --enable-execute-command and start new tasks)");
            }

            if (!TaskRunning)
            {
                problems.Add($"the task is {TaskStatus}, not RUNNING yet (ECS Exec needs a RUNNING task; try again once it has started)");
            }

            // Without exec enabled, or before the task runs, there is no agent yet; saying so again would only add noise.
            if (!AgentRunning && ExecuteCommandEnabled && TaskRunning)
            {
                problems.Add("the container's ExecuteCommandAgent is not RUNNING");
            }

            if (!PlatformSupportsExec)
            {
                problems.Add("the Fargate platform version is older than 1.4.0");
            }

            return problems;
        }
    }

    /// <summary>Readiness from the fields of a discovered container.</summary>
    public static ExecReadiness Of(
        bool enableExecuteCommand, string? agentStatus, string? launchType, string? platformVersion, string? taskStatus = null) =>
        new(enableExecuteCommand, agentStatus == "RUNNING", PlatformSupports(launchType, platformVersion), taskStatus);

    /// <summary>True unless the task runs on Fargate with a platform version older than 1.4.0.</summary>
    public static bool PlatformSupports(string? launchType, string? platformVersion)
    {
        if (launchType != "FARGATE" || string.IsNullOrEmpty(platformVersion) || platformVersion == "LATEST")
        {
            return true;
        }

        return Version.TryParse(platformVersion, out var version) && version >= MinimumFargatePlatformVersion;
    }
}
