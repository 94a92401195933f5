using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Doctor;

/// <summary>What the task definition says about the container: init process, root filesystem, credentials, task role.</summary>
public sealed class TaskDefinitionChecks : IDoctorChecks
{
    public const string InitProcess = "init-process";
    public const string ReadonlyRootFilesystem = "readonly-root-filesystem";
    public const string CredentialVariables = "credential-variables";
    public const string TaskRole = "task-role";

    private static readonly string[] s_credentialVariables = ["AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];

    public Task<IReadOnlyList<DoctorCheck>> RunAsync(DoctorFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.TaskDefinition is not { } definition || facts.ContainerDefinition is not { } container)
        {
            var error = facts.ReadErrors.GetValueOrDefault("task definition")
                ?? new InvalidOperationException($"the task definition has no container {facts.Container.ContainerName}");
            return Task.FromResult<IReadOnlyList<DoctorCheck>>(
                [DoctorCheck.Unknown(TaskRole, "task definition", error, "allow ecs:DescribeTaskDefinition, then run doctor again")]);
        }

        var where = $"container {container.Name} of {definition.Family}:{definition.Revision}";
        return Task.FromResult<IReadOnlyList<DoctorCheck>>(
        [
            Init(container, where),
            RootFilesystem(container, where),
            Credentials(container, where),
            Role(facts),
        ]);
    }

    private static DoctorCheck Init(ContainerDefinition container, string where) =>
        container.LinuxParameters?.InitProcessEnabled == true
            ? DoctorCheck.Pass(InitProcess, "init process", $"initProcessEnabled in {where}")
            : DoctorCheck.Warn(InitProcess, "init process", $"{where} has no init process, so processes a session leaves behind are never reaped",
                $"set linuxParameters.initProcessEnabled to true in {where} and deploy the new revision");

    private static DoctorCheck RootFilesystem(ContainerDefinition container, string where) =>
        container.ReadonlyRootFilesystem == true
            ? DoctorCheck.Warn(ReadonlyRootFilesystem, "root filesystem", $"{where} has a read-only root filesystem; the SSM agent must write its state and logs",
                "set readonlyRootFilesystem to false, or mount writable volumes at /var/lib/amazon and /var/log/amazon")
            : DoctorCheck.Pass(ReadonlyRootFilesystem, "root filesystem", "writable");

    private static DoctorCheck Credentials(ContainerDefinition container, string where)
    {
        var set = (container.Environment ?? []).Select(e => e.Name).Where(n => n is not null && s_credentialVariables.Contains(n)).ToList();
        return set.Count == 0
            ? DoctorCheck.Pass(CredentialVariables, "AWS credentials in the environment", "none; the agent uses the task role")
            : DoctorCheck.Warn(CredentialVariables, "AWS credentials in the environment",
                $"{where} sets {string.Join(", ", set)}; the SSM agent uses those instead of the task role",
                "remove them from the environment and grant their permissions to the task role instead");
    }

    private static DoctorCheck Role(DoctorFacts facts) =>
        facts.TaskRoleArn is { } role
            ? DoctorCheck.Pass(TaskRole, "task role", role + (facts.Task?.Overrides?.TaskRoleArn is not null ? " (overridden at RunTask)" : ""))
            : DoctorCheck.Fail(TaskRole, "task role", "the task has no task role, and the SSM agent in the container needs one",
                "set taskRoleArn in the task definition to a role allowing ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, "
                + "ssmmessages:OpenControlChannel and ssmmessages:OpenDataChannel, and deploy it");
}
