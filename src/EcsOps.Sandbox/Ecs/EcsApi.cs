using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Ec2;
using EcsOps.Sandbox.Http;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Ecs;

/// <summary>
/// The ECS API (JSON 1.1, X-Amz-Target <c>AmazonEC2ContainerServiceV20141113.*</c>): clusters, services,
/// tasks, task definitions, RunTask/StopTask and ExecuteCommand. Handlers live in the partial files by
/// operation group; this file holds the route and the operation table.
/// </summary>
public static partial class EcsApi
{
    /// <summary>Maps <c>POST /</c> for requests classified as ECS.</summary>
    public static IEndpointRouteBuilder MapEcsApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var store = routes.ServiceProvider.GetRequiredService<EcsStore>();
        var scheduler = routes.ServiceProvider.GetRequiredService<EcsTaskScheduler>();
        var sessions = routes.ServiceProvider.GetRequiredService<SessionRegistry>();
        var containers = routes.ServiceProvider.GetService<IContainerProcessHost>();
        var network = routes.ServiceProvider.GetService<Ec2Network>();
        var json = EcsJsonContext.Default;
        var operations = new JsonOperationTable(AwsService.Ecs, json)
            .Add("ListClusters", json.ListClustersRequest, json.ListClustersResponse, (r, aws) => ListClusters(store, aws, r))
            .Add("DescribeClusters", json.DescribeClustersRequest, json.DescribeClustersResponse, (r, aws) => DescribeClusters(store, aws, r))
            .Add("ListServices", json.ListServicesRequest, json.ListServicesResponse, (r, aws) => ListServices(store, aws, r))
            .Add("DescribeServices", json.DescribeServicesRequest, json.DescribeServicesResponse, (r, aws) => DescribeServices(store, aws, r))
            .Add("UpdateService", json.UpdateServiceRequest, json.UpdateServiceResponse, (r, aws) => UpdateService(store, aws, r))
            .Add("ListTasks", json.ListTasksRequest, json.ListTasksResponse, (r, aws) => ListTasks(store, aws, r))
            .Add("DescribeTasks", json.DescribeTasksRequest, json.DescribeTasksResponse, (r, aws) => DescribeTasks(store, aws, r))
            .Add("DescribeTaskDefinition", json.DescribeTaskDefinitionRequest, json.DescribeTaskDefinitionResponse, (r, aws) => DescribeTaskDefinition(store, aws, r))
            .Add("RunTask", json.RunTaskRequest, json.RunTaskResponse, (r, aws) => RunTask(store, scheduler, aws, r))
            .Add("StopTask", json.StopTaskRequest, json.StopTaskResponse, (r, aws) => StopTask(store, scheduler, aws, r))
            .Add("ExecuteCommand", json.ExecuteCommandRequest, json.ExecuteCommandResponse, (r, aws) => ExecuteCommand(store, sessions, aws, r, containers, network));
        routes.MapPost("/", operations.Dispatch).WithMetadata(new AwsServiceMetadata(AwsService.Ecs)).WithName("ecs");
        return routes;
    }

    private const string DefaultCluster = "default";

    private static EcsScope ScopeOf(AwsRequestContext aws) => new(aws.Caller.AccountId, aws.Region);

    private static AwsErrorException InvalidParameter(string message) => new("InvalidParameterException", message);

    /// <summary>The "MISSING" failure ECS reports for a name or ARN it does not know; a bare name is turned into its ARN.</summary>
    private static Failure Missing(string nameOrArn, Func<string, string> arnOfName) => new()
    {
        Arn = nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn : arnOfName(nameOrArn),
        Reason = "MISSING",
    };

    private static ClusterState RequireCluster(EcsRegionState region, string? cluster)
    {
        var name = EcsArns.NameFrom(cluster ?? DefaultCluster, "cluster", region.Scope);
        return name is not null && region.Clusters.TryGetValue(name, out var state)
            ? state
            : throw new AwsErrorException("ClusterNotFoundException", "Cluster not found.");
    }

    private static bool Includes(IReadOnlyList<string>? include, string field) => include?.Contains(field) == true;
}
