using EcsOps.Sandbox.World;

namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// A sandbox with a world of its own for what the default world lacks: <c>sealed</c>, a cluster whose ECS Exec
/// sessions are KMS-encrypted; <c>retired</c>, the same with a disabled key; <c>isolated</c>, a task whose agent reports RUNNING but sits in a subnet with no way out
/// and no ssmmessages endpoint (TargetNotConnected); <c>batch</c>, a task whose only container exits at once, so it
/// stops (<see cref="WaitForStoppedTaskAsync"/>); <c>fleet</c>, three identical tasks to pick from; the bucket
/// <c>lab-backups</c>, for db backup. A second account,
/// <c>locked</c>, may not call ecs:ExecuteCommand nor ec2:DescribeSubnets.
/// </summary>
public sealed class LabSandboxFixture : CliSandboxFixture
{
    public const string SealedTask = "55555555555555555555555555555555";
    public const string IsolatedTask = "66666666666666666666666666666666";
    public const string StoppedTask = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    /// <summary>Two tasks whose ids start alike and one that differs, so a typed filter leaves two to choose between.</summary>
    public static readonly string[] FleetTasks = ["77777777777777777777777777777701", "77777777777777777777777777777702", "88888888888888888888888888888803"];

    private const string Yaml = """
        regions: [us-east-1]
        accounts:
          - id: "333333333333"
            name: lab
            accessKeyId: AKIALAB0000000000001
            secretAccessKey: lab/secret/key/000000000000000000000
            buckets:
              - { name: lab-backups }
            kmsKeys:
              - { id: 0a1b2c3d-3333-4a5b-8c9d-000000000003, alias: alias/exec }
              - { id: 0a1b2c3d-3333-4a5b-8c9d-000000000004, alias: alias/retired, enabled: false }
            taskDefinitions:
              - family: app
                revision: 1
                taskRoleArn: arn:aws:iam::333333333333:role/app-task
                containers:
                  # No command: the container stays up, idle, for sessions.
                  - { name: app, image: public.ecr.aws/docker/library/python:3.12-slim, initProcessEnabled: true }
              - family: once
                revision: 1
                containers:
                  - { name: once, image: public.ecr.aws/docker/library/busybox:1, command: [sh, -c, "exit 3"] }
            vpcs:
              - id: vpc-0lab0000000000001
                cidrBlock: 10.30.0.0/16
                subnets:
                  - { id: subnet-0lab000000000000a, cidrBlock: 10.30.1.0/24, defaultRoute: nat }
                  - { id: subnet-0lab000000000000b, cidrBlock: 10.30.2.0/24, defaultRoute: none }
            clusters:
              - name: sealed
                executeCommandConfiguration: { kmsKeyId: alias/exec, logging: DEFAULT }
                services:
                  - name: app
                    taskDefinition: app:1
                    enableExecuteCommand: true
                    networkConfiguration: { subnets: [subnet-0lab000000000000a] }
                    tasks: [{ id: "55555555555555555555555555555555" }]
              - name: retired
                executeCommandConfiguration: { kmsKeyId: alias/retired, logging: DEFAULT }
                services:
                  - name: app
                    taskDefinition: app:1
                    enableExecuteCommand: true
                    networkConfiguration: { subnets: [subnet-0lab000000000000a] }
                    tasks: [{ id: "5555555555555555555555555555aaaa" }]
              - name: isolated
                services:
                  - name: app
                    taskDefinition: app:1
                    enableExecuteCommand: true
                    networkConfiguration: { subnets: [subnet-0lab000000000000b] }
                    tasks: [{ id: "66666666666666666666666666666666" }]
              - name: batch
                tasks: [{ id: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", taskDefinition: "once:1", enableExecuteCommand: true }]
              - name: fleet
                services:
                  - name: app
                    taskDefinition: app:1
                    desiredCount: 3
                    enableExecuteCommand: true
                    networkConfiguration: { subnets: [subnet-0lab000000000000a] }
                    tasks:
                      - { id: "77777777777777777777777777777701" }
                      - { id: "77777777777777777777777777777702" }
                      - { id: "88888888888888888888888888888803" }
          # An account whose user may not exec nor read EC2, with one task to run doctor on.
          - id: "444444444444"
            name: locked
            accessKeyId: AKIALOCKED0000000001
            secretAccessKey: locked/secret/key/00000000000000000000
            deniedActions: [ecs:ExecuteCommand, ec2:DescribeSubnets]
            taskDefinitions:
              - family: app
                revision: 1
                taskRoleArn: arn:aws:iam::444444444444:role/app-task
                containers:
                  - { name: app, image: public.ecr.aws/docker/library/python:3.12-slim, initProcessEnabled: true }
            clusters:
              - name: locked
                services:
                  - name: app
                    taskDefinition: app:1
                    enableExecuteCommand: true
                    networkConfiguration: { subnets: [subnet-0lkd000000000000a] }
                    tasks: [{ id: "44444444444444444444444444440001" }]
        """;

    /// <summary>Waits (within the process deadline) until the batch task has stopped, and returns its stopped reason.</summary>
    public async Task<string?> WaitForStoppedTaskAsync()
    {
        using var deadline = new CancellationTokenSource(EcsOpsProcess.Deadline);
        var account = Host.World.Accounts[0];
        var scope = new EcsOps.Sandbox.Ecs.EcsScope(account.Id, Host.World.Regions[0]);
        var arn = $"arn:aws:ecs:{scope.Region}:{scope.AccountId}:task/batch/{StoppedTask}";
        var stopped = await Host.Ecs.WaitForTaskAsync(scope, arn, t => t.LastStatus == "STOPPED", deadline.Token);
        return stopped.StoppedReason;
    }

    protected override WorldDefinition World => WorldLoader.Parse(Yaml, "lab world");
}

[CollectionDefinition(Name)]
public sealed class LabSandboxCollection : ICollectionFixture<LabSandboxFixture>
{
    public const string Name = "cli-lab";
}
