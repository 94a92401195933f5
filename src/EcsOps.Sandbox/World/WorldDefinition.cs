namespace EcsOps.Sandbox.World;

// The YAML shape of a sandbox world. Property names are camelCase in YAML (ECS's own spelling where one
// exists). Every list defaults to empty so a world file states only what it needs.

/// <summary>The whole world: regions, and accounts with everything they own.</summary>
public sealed class WorldDefinition
{
    /// <summary>Regions requests may be signed for; the first is the default for resources without one.</summary>
    public List<string> Regions { get; set; } = [];

    public List<AccountDefinition> Accounts { get; set; } = [];
}

/// <summary>An AWS account, reached with one long-term access key of one IAM user.</summary>
public sealed class AccountDefinition
{
    /// <summary>Twelve digits.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The IAM user the access key belongs to (<c>arn:aws:iam::&lt;id&gt;:user/&lt;userName&gt;</c>).</summary>
    public string UserName { get; set; } = "sandbox-user";

    public string AccessKeyId { get; set; } = "";
    public string SecretAccessKey { get; set; } = "";

    /// <summary>Role names callers from any world account may assume with sts:AssumeRole.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>
    /// IAM actions (<c>ecs:ExecuteCommand</c>, <c>ec2:DescribeSubnets</c>, …) the account's user may not call: requests
    /// signed with its access key get the service's AccessDenied error. Roles assumed into the account are not limited.
    /// JSON and query services only (not S3).
    /// </summary>
    public List<string> DeniedActions { get; set; } = [];

    public List<KmsKeyDefinition> KmsKeys { get; set; } = [];
    public List<SecretDefinition> Secrets { get; set; } = [];
    public List<TaskDefinitionDefinition> TaskDefinitions { get; set; } = [];
    public List<ClusterDefinition> Clusters { get; set; } = [];

    /// <summary>VPCs with their subnets and interface endpoints: what EC2 describes and what decides whether an agent reaches Session Manager.</summary>
    public List<VpcDefinition> Vpcs { get; set; } = [];

    /// <summary>
    /// S3 buckets that exist from the start, empty (for example an ECS Exec log bucket). Log groups need no such list: the
    /// ones task definitions and clusters name exist from the start.
    /// </summary>
    public List<BucketDefinition> Buckets { get; set; } = [];
}

/// <summary>A VPC. Each subnet gets its own route table; the VPC's main route table has only the local route.</summary>
public sealed class VpcDefinition
{
    /// <summary><c>vpc-</c> and hex digits.</summary>
    public string Id { get; set; } = "";

    public string? Region { get; set; }
    public string CidrBlock { get; set; } = "10.0.0.0/16";
    public List<SubnetDefinition> Subnets { get; set; } = [];

    /// <summary>
    /// Interface VPC endpoints by service (<c>ssmmessages</c>, <c>ssm</c>, <c>logs</c>, … or the full
    /// <c>com.amazonaws.&lt;region&gt;.&lt;service&gt;</c>), available, with private DNS, in every subnet.
    /// </summary>
    public List<string> Endpoints { get; set; } = [];
}

/// <summary>A subnet and where its default route goes.</summary>
public sealed class SubnetDefinition
{
    /// <summary><c>subnet-</c> and hex digits.</summary>
    public string Id { get; set; } = "";

    /// <summary>Defaults to the region's first zone (<c>&lt;region&gt;a</c>).</summary>
    public string? AvailabilityZone { get; set; }

    public string CidrBlock { get; set; } = "10.0.0.0/24";

    /// <summary>
    /// Where 0.0.0.0/0 goes: <c>nat</c> (a NAT gateway, the default), <c>internet</c> (an internet gateway: a public
    /// subnet) or <c>none</c> (isolated: only the VPC's endpoints are reachable). An ExecuteCommandAgent in a task of an
    /// isolated subnet without an <c>ssmmessages</c> endpoint never connects: its sessions fail with TargetNotConnected.
    /// </summary>
    public string DefaultRoute { get; set; } = SubnetRoutes.Nat;
}

/// <summary>The values of <see cref="SubnetDefinition.DefaultRoute"/>.</summary>
public static class SubnetRoutes
{
    public const string Nat = "nat";
    public const string Internet = "internet";
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Nat, Internet, None];
}

/// <summary>An S3 bucket.</summary>
public sealed class BucketDefinition
{
    public string Name { get; set; } = "";
    public string? Region { get; set; }
}

/// <summary>A symmetric KMS key.</summary>
public sealed class KmsKeyDefinition
{
    /// <summary>The key id (a UUID).</summary>
    public string Id { get; set; } = "";

    public string? Region { get; set; }

    /// <summary>Optional alias, <c>alias/…</c>.</summary>
    public string? Alias { get; set; }

    public bool Enabled { get; set; } = true;
}

/// <summary>A Secrets Manager secret with one AWSCURRENT version.</summary>
public sealed class SecretDefinition
{
    public string Name { get; set; } = "";
    public string? Region { get; set; }

    /// <summary>The SecretString.</summary>
    public string? Value { get; set; }

    /// <summary>A SecretBinary, base64.</summary>
    public string? BinaryBase64 { get; set; }
}

/// <summary>One revision of an ECS task definition.</summary>
public sealed class TaskDefinitionDefinition
{
    public string Family { get; set; } = "";
    public int Revision { get; set; } = 1;
    public string? Region { get; set; }
    public string? TaskRoleArn { get; set; }
    public string? ExecutionRoleArn { get; set; }
    public string NetworkMode { get; set; } = "awsvpc";
    public string Cpu { get; set; } = "256";
    public string Memory { get; set; } = "512";
    public string CpuArchitecture { get; set; } = "X86_64";
    public List<ContainerDefinitionDefinition> Containers { get; set; } = [];
}

/// <summary>A container of a task definition.</summary>
public sealed class ContainerDefinitionDefinition
{
    public string Name { get; set; } = "";
    public string Image { get; set; } = "";
    public List<string>? EntryPoint { get; set; }
    public List<string>? Command { get; set; }
    public bool Essential { get; set; } = true;

    /// <summary>Plain environment variables.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>Environment variables filled from secrets: name → valueFrom ARN.</summary>
    public Dictionary<string, string> Secrets { get; set; } = [];

    public List<PortMappingDefinition> PortMappings { get; set; } = [];
    public LogConfigurationDefinition? LogConfiguration { get; set; }
    public bool ReadonlyRootFilesystem { get; set; }
    public bool InitProcessEnabled { get; set; }
    public string? User { get; set; }
    public string? WorkingDirectory { get; set; }
}

/// <summary>A container port.</summary>
public sealed class PortMappingDefinition
{
    public int ContainerPort { get; set; }
    public string Protocol { get; set; } = "tcp";
    public string? Name { get; set; }
}

/// <summary>A container's log driver and its options (awslogs: awslogs-group, awslogs-region, awslogs-stream-prefix).</summary>
public sealed class LogConfigurationDefinition
{
    public string LogDriver { get; set; } = "awslogs";
    public Dictionary<string, string> Options { get; set; } = [];
}

/// <summary>An ECS cluster with its services and stand-alone tasks.</summary>
public sealed class ClusterDefinition
{
    public string Name { get; set; } = "";
    public string? Region { get; set; }
    public ExecuteCommandConfigurationDefinition? ExecuteCommandConfiguration { get; set; }
    public List<ServiceDefinition> Services { get; set; } = [];

    /// <summary>Tasks not owned by a service (as if started with RunTask).</summary>
    public List<TaskInstanceDefinition> Tasks { get; set; } = [];
}

/// <summary>A cluster's ECS Exec settings.</summary>
public sealed class ExecuteCommandConfigurationDefinition
{
    public string? KmsKeyId { get; set; }

    /// <summary><c>NONE</c>, <c>DEFAULT</c> or <c>OVERRIDE</c>.</summary>
    public string Logging { get; set; } = "DEFAULT";

    public string? CloudWatchLogGroupName { get; set; }
    public bool CloudWatchEncryptionEnabled { get; set; }
    public string? S3BucketName { get; set; }
    public bool S3EncryptionEnabled { get; set; }
    public string? S3KeyPrefix { get; set; }
}

/// <summary>An ECS service and its running tasks.</summary>
public sealed class ServiceDefinition
{
    public string Name { get; set; } = "";

    /// <summary><c>family:revision</c> of a task definition of the same account and region.</summary>
    public string TaskDefinition { get; set; } = "";

    public int DesiredCount { get; set; } = 1;
    public bool EnableExecuteCommand { get; set; }
    public string LaunchType { get; set; } = "FARGATE";
    public NetworkConfigurationDefinition? NetworkConfiguration { get; set; }
    public List<TaskInstanceDefinition> Tasks { get; set; } = [];
}

/// <summary>awsvpc networking.</summary>
public sealed class NetworkConfigurationDefinition
{
    public List<string> Subnets { get; set; } = [];
    public List<string> SecurityGroups { get; set; } = [];
    public string AssignPublicIp { get; set; } = "DISABLED";
}

/// <summary>A task that is already running when the sandbox starts.</summary>
public sealed class TaskInstanceDefinition
{
    /// <summary>32 hex digits; derived from the task's place in the world when omitted.</summary>
    public string? Id { get; set; }

    /// <summary>Required for stand-alone tasks; service tasks use the service's.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>Defaults to the service's setting (false for stand-alone tasks).</summary>
    public bool? EnableExecuteCommand { get; set; }

    public string PlatformVersion { get; set; } = "1.4.0";
    public string? StartedBy { get; set; }

    /// <summary>
    /// The version the SSM agent of this task's containers reports in the session handshake (a sandbox-only fact: ECS
    /// does not show it); <see cref="EcsOps.Protocol.Sessions.ProtocolVersions.DefaultAgentVersion"/> when omitted. An
    /// agent at or below <see cref="EcsOps.Protocol.Sessions.PortForwardingModeSelector.MuxAgentVersionThreshold"/>
    /// forwards ports in basic (not multiplexed) mode, one connection per session.
    /// </summary>
    public string? AgentVersion { get; set; }

    /// <summary>Per-container runtime facts; containers not listed get defaults.</summary>
    public List<ContainerInstanceDefinition> Containers { get; set; } = [];
}

/// <summary>The runtime facts of one container of a running task.</summary>
public sealed class ContainerInstanceDefinition
{
    public string Name { get; set; } = "";

    /// <summary>Derived from the task id when omitted.</summary>
    public string? RuntimeId { get; set; }

    /// <summary>lastStatus of the ExecuteCommandAgent: RUNNING (default when exec is enabled), PENDING, STOPPED.</summary>
    public string? AgentStatus { get; set; }

    public string? PrivateIpv4Address { get; set; }
}
