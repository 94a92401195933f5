using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Http;

namespace EcsOps.Aws.Doctor;

/// <summary>
/// IAM, as far as ecsops can tell without reading policies: whether the caller may call ecs:ExecuteCommand on the task
/// (a probe ECS refuses after authorizing it), and what the task role needs (not checked: named, with a command that does).
/// </summary>
public sealed class PermissionChecks(AwsClientFactory factory) : IDoctorChecks
{
    public const string CallerExecuteCommand = "caller-execute-command";
    public const string TaskRolePermissions = "task-role-permissions";

    /// <summary>The actions the task role must allow for the agent's control and data channels.</summary>
    public static readonly IReadOnlyList<string> AgentActions =
    [
        "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
    ];

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(DoctorFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var checks = new List<DoctorCheck> { await CallerAsync(facts, cancellationToken) };
        if (facts.TaskRoleArn is { } role)
        {
            checks.Add(TaskRole(facts, role));
        }

        return checks;
    }

    /// <summary>
    /// ExecuteCommand with <c>interactive=false</c>, which ECS refuses ("Interactive is the only mode supported") only after
    /// IAM allowed the call; an AccessDeniedException means the caller may not exec. No session is started.
    /// </summary>
    private async Task<DoctorCheck> CallerAsync(DoctorFacts facts, CancellationToken cancellationToken)
    {
        const string title = "you may call ecs:ExecuteCommand";
        var container = facts.Container;
        var who = await CallerArnAsync(facts, cancellationToken);
        try
        {
            var started = await factory.CreateEcs(container.Region, facts.Credentials).ExecuteCommandAsync(
                new ExecuteCommandRequest
                {
                    Cluster = container.ClusterArn,
                    Task = container.TaskArn,
                    Container = container.ContainerName,
                    Command = "ecsops-doctor-probe",
                    Interactive = false,
                },
                cancellationToken);
            await TerminateAsync(facts, started.Session?.SessionId, cancellationToken);
            return DoctorCheck.Pass(CallerExecuteCommand, title, $"{who} may (ECS accepted the probe)");
        }
        catch (AccessDeniedException error)
        {
            return DoctorCheck.Fail(CallerExecuteCommand, title, $"{who} may not: {error.Message.TrimEnd('.')}",
                $"allow ecs:ExecuteCommand on {container.TaskArn} (and on its cluster) to {who}");
        }
        catch (AwsServiceException error) when (error is InvalidParameterException or TargetNotConnectedException)
        {
            return DoctorCheck.Pass(CallerExecuteCommand, title, $"{who} may (ECS authorized the probe and refused only its parameters)");
        }
        catch (AwsServiceException error) when (error is not ThrottlingException)
        {
            return DoctorCheck.Unknown(CallerExecuteCommand, title, error, "run doctor again");
        }
    }

    private static DoctorCheck TaskRole(DoctorFacts facts, string role)
    {
        var needs = string.Join(", ", AgentActions);
        if (facts.ExecConfiguration?.KmsKeyId is { Length: > 0 } key)
        {
            needs += $"; kms:Decrypt on {key}";
        }

        if (facts.ExecConfiguration is { Logging: "OVERRIDE", LogConfiguration: { } log })
        {
            if (log.CloudWatchLogGroupName is { Length: > 0 } group)
            {
                needs += $"; logs:DescribeLogGroups, logs:CreateLogStream, logs:DescribeLogStreams, logs:PutLogEvents on {group}";
            }

            if (log.S3BucketName is { Length: > 0 } bucket)
            {
                needs += $"; s3:PutObject on {bucket}" + (log.S3EncryptionEnabled ? ", s3:GetEncryptionConfiguration" : "");
            }
        }

        return DoctorCheck.Warn(TaskRolePermissions, "task role permissions",
            $"unknown: ecsops does not read IAM policies; {role} needs {needs}",
            $"aws iam simulate-principal-policy --policy-source-arn {role} --action-names {string.Join(' ', AgentActions)}");
    }

    private async Task<string> CallerArnAsync(DoctorFacts facts, CancellationToken cancellationToken)
    {
        try
        {
            using var sts = factory.CreateSts(facts.Container.Region, facts.Credentials);
            return (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).Arn;
        }
        catch (Exception error) when (error is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            return "you";
        }
    }

    private async Task TerminateAsync(DoctorFacts facts, string? sessionId, CancellationToken cancellationToken)
    {
        if (sessionId is null)
        {
            return;
        }

        // Only if ECS ever started a session for the probe: end it at once.
        using var ssm = factory.CreateSsm(facts.Container.Region, facts.Credentials);
        try
        {
            await ssm.TerminateSessionAsync(new Amazon.SimpleSystemsManagement.Model.TerminateSessionRequest { SessionId = sessionId }, cancellationToken);
        }
        catch (AmazonServiceException)
        {
            // Best effort; the agent ends idle sessions by itself.
        }
    }
}
