using EcsOps.Aws.Accounts;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Http;

namespace EcsOps.Aws.Doctor;

/// <summary>
/// Why ECS Exec can or cannot reach a container, the checks amazon-ecs-exec-checker makes: the task and its agent,
/// the task definition, the cluster's exec configuration (logging destinations, KMS key), IAM as far as it can be told
/// without reading policies, and the network path to Session Manager. Reads only, in the container's account.
/// </summary>
public sealed class ExecDoctor
{
    private readonly AccountAccess _access;
    private readonly AccountInventory _inventory;
    private readonly AwsClientFactory _factory;
    private readonly IReadOnlyList<IDoctorChecks> _groups;

    public ExecDoctor(AwsClientFactory factory, AccountAccess access, AccountInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(inventory);
        _factory = factory;
        _access = access;
        _inventory = inventory;
        _groups =
        [
            new TaskStateChecks(),
            new TaskDefinitionChecks(),
            new ClusterConfigurationChecks(factory),
            new PermissionChecks(factory),
            new NetworkChecks(factory),
        ];
    }

    public static ExecDoctor For(AwsWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return new ExecDoctor(workspace.Factory, workspace.Access, workspace.Inventory);
    }

    /// <summary>Runs every check; an AWS call that fails makes its check a warning, not the whole diagnosis fail.</summary>
    /// <exception cref="ExpiredCredentialsException">The caller's credentials have expired; nothing can be checked.</exception>
    public async Task<DoctorReport> DiagnoseAsync(DiscoveredContainer container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var credentials = await ContainerCredentials.ForAsync(_inventory, _access, container, cancellationToken);
        var facts = await ReadFactsAsync(container, credentials, cancellationToken);
        var groups = await Task.WhenAll(_groups.Select(group => group.RunAsync(facts, cancellationToken)));
        return new DoctorReport(container, groups.SelectMany(checks => checks).ToList());
    }

    private async Task<DoctorFacts> ReadFactsAsync(DiscoveredContainer container, IAwsCredentialsProvider credentials, CancellationToken cancellationToken)
    {
        var ecs = _factory.CreateEcs(container.Region, credentials);
        var errors = new Dictionary<string, Exception>(StringComparer.Ordinal);
        var cluster = await ReadAsync("cluster", errors, async () =>
            (await ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = [container.ClusterArn], Include = ["CONFIGURATIONS"] }, cancellationToken))
            .Clusters is [var found, ..] ? found : null);
        var task = await ReadAsync("task", errors, async () =>
            (await ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = container.ClusterArn, Tasks = [container.TaskArn] }, cancellationToken))
            .Tasks is [var found, ..] ? found : null);
        var definitionArn = task?.TaskDefinitionArn ?? container.TaskDefinitionArn;
        var definition = definitionArn is null ? null : await ReadAsync("task definition", errors, async () =>
            (await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = definitionArn }, cancellationToken))
            .TaskDefinition);
        return new DoctorFacts
        {
            Container = container,
            Credentials = credentials,
            Cluster = cluster,
            Task = task,
            TaskDefinition = definition,
            ReadErrors = errors,
        };
    }

    private static async Task<T?> ReadAsync<T>(string what, Dictionary<string, Exception> errors, Func<Task<T?>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (AwsServiceException error) when (error is not ExpiredCredentialsException)
        {
            errors[what] = error;
            return null;
        }
    }
}
