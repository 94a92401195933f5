using EcsOps.Aws.Credentials;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Doctor;

/// <summary>
/// What the checks look at, read once: the container as discovered, its cluster (with its configuration), its task and
/// task definition as ECS describes them now (null when the call failed; <see cref="ReadErrors"/> says why), and the
/// credentials of the container's account.
/// </summary>
public sealed record DoctorFacts
{
    public required DiscoveredContainer Container { get; init; }
    public required IAwsCredentialsProvider Credentials { get; init; }
    public Cluster? Cluster { get; init; }
    public EcsTask? Task { get; init; }
    public TaskDefinition? TaskDefinition { get; init; }

    /// <summary>Why the cluster, task or task definition could not be read, by what.</summary>
    public IReadOnlyDictionary<string, Exception> ReadErrors { get; init; } = new Dictionary<string, Exception>();

    public ExecuteCommandConfiguration? ExecConfiguration => Cluster?.Configuration?.ExecuteCommandConfiguration;

    /// <summary>The task's container as described now.</summary>
    public Container? TaskContainer => Task?.Containers.FirstOrDefault(c => c.Name == Container.ContainerName);

    /// <summary>The container's definition in the task definition.</summary>
    public ContainerDefinition? ContainerDefinition =>
        TaskDefinition?.ContainerDefinitions.FirstOrDefault(c => c.Name == Container.ContainerName);

    /// <summary>The task role: a RunTask override, else the task definition's.</summary>
    public string? TaskRoleArn => Task?.Overrides?.TaskRoleArn ?? TaskDefinition?.TaskRoleArn;

    /// <summary>The subnet of the task's network interface (awsvpc); null for bridge or host networking.</summary>
    public string? SubnetId => Task?.Attachments?
        .Where(a => a.Type == "ElasticNetworkInterface")
        .SelectMany(a => a.Details ?? [])
        .FirstOrDefault(d => d.Name == "subnetId")?.Value;

    /// <summary><c>--cluster C --region R</c> for fix commands.</summary>
    public string AwsCliScope => $"--cluster {Container.ClusterName} --region {Container.Region}";
}
