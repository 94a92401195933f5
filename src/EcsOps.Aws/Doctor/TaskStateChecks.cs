using EcsOps.Aws.Discovery;
using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Doctor;

/// <summary>What DescribeTasks says: the task runs, was started with ECS Exec, its agent runs, and the platform is new enough.</summary>
public sealed class TaskStateChecks : IDoctorChecks
{
    public const string TaskStatus = "task-status";
    public const string ExecEnabled = "exec-enabled";
    public const string ExecAgent = "exec-agent";
    public const string PlatformVersion = "platform-version";

    public Task<IReadOnlyList<DoctorCheck>> RunAsync(DoctorFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Task is not { } task)
        {
            var error = facts.ReadErrors.GetValueOrDefault("task") ?? new InvalidOperationException("DescribeTasks did not return the task");
            return Task.FromResult<IReadOnlyList<DoctorCheck>>(
                [DoctorCheck.Unknown(TaskStatus, "task", error, "allow ecs:DescribeTasks, then run doctor again")]);
        }

        var checks = new List<DoctorCheck> { Status(task), Enabled(facts, task) };
        if (task.EnableExecuteCommand)
        {
            checks.Add(Agent(facts));
        }

        checks.Add(Platform(facts, task));
        return Task.FromResult<IReadOnlyList<DoctorCheck>>(checks);
    }

    private static DoctorCheck Status(EcsTask task)
    {
        const string title = "task running";
        if (task.LastStatus == EcsStatus.Running && task.DesiredStatus != EcsStatus.Stopped)
        {
            return DoctorCheck.Pass(TaskStatus, title, "RUNNING");
        }

        var reason = task.StoppedReason is { Length: > 0 } why ? $" ({why.TrimEnd('.')})" : "";
        return DoctorCheck.Fail(TaskStatus, title, $"{task.LastStatus} (desired {task.DesiredStatus}){reason}",
            "ECS Exec reaches RUNNING tasks only: pick a running task ('ecsops ls') or start a new one");
    }

    private static DoctorCheck Enabled(DoctorFacts facts, EcsTask task)
    {
        const string title = "ECS Exec enabled on the task";
        if (task.EnableExecuteCommand)
        {
            return DoctorCheck.Pass(ExecEnabled, title, "the task was started with enableExecuteCommand");
        }

        var fix = facts.Container.ServiceName is { } service
            ? $"aws ecs update-service {facts.AwsCliScope} --service {service} --enable-execute-command --force-new-deployment "
                + "(running tasks keep the setting they started with; the deployment replaces them)"
            : $"run the task again with enableExecuteCommand (aws ecs run-task {facts.AwsCliScope} --enable-execute-command …)";
        return DoctorCheck.Fail(ExecEnabled, title, "the task was started without enableExecuteCommand, so it has no ExecuteCommandAgent", fix);
    }

    private static DoctorCheck Agent(DoctorFacts facts)
    {
        const string title = "ExecuteCommandAgent";
        var agent = facts.TaskContainer?.ManagedAgents?.FirstOrDefault(a => a.Name == EcsStatus.ExecuteCommandAgent);
        const string restart = "start a new task (the agent starts with the container); if it happens again, check that the image has a shell and a writable filesystem";
        return agent?.LastStatus switch
        {
            null => DoctorCheck.Fail(ExecAgent, title, $"container {facts.Container.ContainerName} reports no ExecuteCommandAgent", restart),
            EcsStatus.Running => DoctorCheck.Pass(ExecAgent, title,
                agent.LastStartedAt is { } started ? $"RUNNING since {started.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : "RUNNING"),
            EcsStatus.Pending => DoctorCheck.Fail(ExecAgent, title, "PENDING: the agent has not started (yet)",
                "wait a minute and try again; if it stays PENDING, " + restart),
            var status => DoctorCheck.Fail(ExecAgent, title,
                status + (agent.Reason is { Length: > 0 } reason ? $" ({reason.TrimEnd('.')})" : ""), restart),
        };
    }

    private static DoctorCheck Platform(DoctorFacts facts, EcsTask task)
    {
        const string title = "platform version";
        if (task.LaunchType != "FARGATE")
        {
            return DoctorCheck.Warn(PlatformVersion, title, $"launch type {task.LaunchType ?? "unknown"}: the container instance's ECS agent version is not checked",
                "ECS Exec needs ECS agent 1.50.2 or later on the instance (aws ecs describe-container-instances shows versionInfo.agentVersion)");
        }

        var version = task.PlatformVersion ?? "unknown";
        return ExecReadiness.PlatformSupports(task.LaunchType, task.PlatformVersion)
            ? DoctorCheck.Pass(PlatformVersion, title, $"Fargate {version}")
            : DoctorCheck.Fail(PlatformVersion, title, $"Fargate {version}; ECS Exec needs {ExecReadiness.MinimumFargatePlatformVersion} or later",
                facts.Container.ServiceName is { } service
                    ? $"aws ecs update-service {facts.AwsCliScope} --service {service} --platform-version LATEST --force-new-deployment"
                    : "run the task again with --platform-version LATEST");
    }
}
