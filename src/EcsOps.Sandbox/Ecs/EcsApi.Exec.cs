using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Ec2;
using EcsOps.Sandbox.Http;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Ecs;

public static partial class EcsApi
{
    /// <summary>The document ECS Exec sessions run; its only parameter is the command.</summary>
    public const string ExecuteCommandDocument = "AmazonECS-ExecuteInteractiveCommand";

    /// <summary>
    /// ECS Exec: checks the task and container the way ECS does (exec enabled, task RUNNING, agent RUNNING),
    /// then records a Session Manager session whose data channel the message gateway will serve.
    /// </summary>
    internal static ExecuteCommandResponse ExecuteCommand(
        EcsStore store,
        SessionRegistry sessions,
        AwsRequestContext aws,
        ExecuteCommandRequest request,
        IContainerProcessHost? containers = null,
        Ec2Network? network = null)
    {
        if (string.IsNullOrEmpty(request.Task))
        {
            throw InvalidParameter("task must be specified.");
        }

        if (string.IsNullOrWhiteSpace(request.Command))
        {
            throw InvalidParameter("command must be specified.");
        }

        if (!request.Interactive)
        {
            throw InvalidParameter("Interactive is the only mode supported currently.");
        }

        var (cluster, task, container) = store.Read(ScopeOf(aws), region =>
        {
            var cluster = RequireCluster(region, request.Cluster);
            var id = EcsArns.NameFrom(request.Task, "task", region.Scope);
            if (id is null || !cluster.Tasks.TryGetValue(id, out var task))
            {
                throw InvalidParameter("The specified task was not found.");
            }

            return (cluster.Model, task, SelectContainer(task, request.Container));
        });

        if (!task.EnableExecuteCommand)
        {
            throw InvalidParameter(
                "The execute command failed because execute command was not enabled when the task was run or the execute command agent isn't running. Wait and try the command again or run a new task with execute command enabled and try again.");
        }

        if (task.LastStatus != EcsStatus.Running || container.RuntimeId is null)
        {
            throw InvalidParameter("The execute command failed because the task is not in the RUNNING state.");
        }

        var agent = container.ManagedAgents?.FirstOrDefault(a => a.Name == EcsStatus.ExecuteCommandAgent);
        var taskId = task.TaskArn[(task.TaskArn.LastIndexOf('/') + 1)..];
        // An agent that reports RUNNING but has no way to ssmmessages (isolated subnet, no endpoint) never connects.
        if (agent?.LastStatus != EcsStatus.Running
            || (containers is not null && containers.FindContainer(cluster.ClusterName, taskId, container.RuntimeId) is null)
            || network?.ReachesSessionManager(ScopeOf(aws), task) == false)
        {
            throw new AwsErrorException("TargetNotConnectedException", "The execute command failed due to an internal error. Try again later.");
        }

        var target = new SsmTarget(cluster.ClusterName, taskId, container.RuntimeId);
        var session = sessions.Start(
            "ecs-execute-command",
            target.ToString(),
            ExecuteCommandDocument,
            new Dictionary<string, IReadOnlyList<string>> { ["command"] = [request.Command] },
            reason: null,
            aws.Caller.AccountId,
            aws.Region,
            aws.Caller.Arn,
            aws.LocalPort);
        return new ExecuteCommandResponse
        {
            ClusterArn = cluster.ClusterArn,
            ContainerArn = container.ContainerArn,
            ContainerName = container.Name,
            Interactive = true,
            TaskArn = task.TaskArn,
            Session = new ExecuteCommandSession
            {
                SessionId = session.SessionId,
                StreamUrl = session.StreamUrl,
                TokenValue = session.Tokens[^1],
            },
        };
    }

    private static Container SelectContainer(EcsTask task, string? containerName)
    {
        if (containerName is null)
        {
            return task.Containers.Count == 1
                ? task.Containers[0]
                : throw InvalidParameter("The task has more than one container; specify the container name.");
        }

        return task.Containers.FirstOrDefault(c => c.Name == containerName)
            ?? throw InvalidParameter($"The specified container {containerName} was not found in the task.");
    }
}
