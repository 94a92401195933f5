using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Http;

namespace EcsOps.Aws.Ecs;

/// <summary>
/// Amazon ECS over AWS JSON 1.1, shaped like <c>AmazonECSClient</c> of the AWS SDK (same operation names, request and
/// response types) so that it can be swapped for it. Create one through <see cref="AwsClientFactory"/>.
/// </summary>
public sealed class EcsClient(AwsJsonClient transport)
{
    /// <summary>The <c>X-Amz-Target</c> prefix of ECS.</summary>
    public const string TargetPrefix = "AmazonEC2ContainerServiceV20141113";

    /// <summary>The most tasks one DescribeTasks call accepts.</summary>
    public const int MaxTasksPerDescribe = 100;

    /// <summary>The most services one DescribeServices call accepts.</summary>
    public const int MaxServicesPerDescribe = 10;

    private static EcsJsonContext Json => EcsJsonContext.Default;

    /// <summary>The transport, for its endpoint and signing scope.</summary>
    public AwsJsonClient Transport => transport;

    public Task<ListClustersResponse> ListClustersAsync(ListClustersRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("ListClusters", request, Json.ListClustersRequest, Json.ListClustersResponse, cancellationToken);

    public Task<DescribeClustersResponse> DescribeClustersAsync(DescribeClustersRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("DescribeClusters", request, Json.DescribeClustersRequest, Json.DescribeClustersResponse, cancellationToken);

    public Task<ListServicesResponse> ListServicesAsync(ListServicesRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("ListServices", request, Json.ListServicesRequest, Json.ListServicesResponse, cancellationToken);

    public Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("DescribeServices", request, Json.DescribeServicesRequest, Json.DescribeServicesResponse, cancellationToken);

    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("ListTasks", request, Json.ListTasksRequest, Json.ListTasksResponse, cancellationToken);

    public Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("DescribeTasks", request, Json.DescribeTasksRequest, Json.DescribeTasksResponse, cancellationToken);

    public Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(
        DescribeTaskDefinitionRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync(
            "DescribeTaskDefinition", request, Json.DescribeTaskDefinitionRequest, Json.DescribeTaskDefinitionResponse, cancellationToken);

    public Task<ExecuteCommandResponse> ExecuteCommandAsync(ExecuteCommandRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("ExecuteCommand", request, Json.ExecuteCommandRequest, Json.ExecuteCommandResponse, cancellationToken);

    public Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("RunTask", request, Json.RunTaskRequest, Json.RunTaskResponse, cancellationToken);

    public Task<StopTaskResponse> StopTaskAsync(StopTaskRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("StopTask", request, Json.StopTaskRequest, Json.StopTaskResponse, cancellationToken);

    public Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken) =>
        transport.InvokeAsync("UpdateService", request, Json.UpdateServiceRequest, Json.UpdateServiceResponse, cancellationToken);

    /// <summary>Every cluster ARN, across pages.</summary>
    public IAsyncEnumerable<string> ListAllClusterArnsAsync(ListClustersRequest request, CancellationToken cancellationToken) =>
        AwsPaginator.ItemsAsync(
            (token, ct) => ListClustersAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            page => page.ClusterArns,
            cancellationToken);

    /// <summary>Every service ARN of a cluster, across pages.</summary>
    public IAsyncEnumerable<string> ListAllServiceArnsAsync(ListServicesRequest request, CancellationToken cancellationToken) =>
        AwsPaginator.ItemsAsync(
            (token, ct) => ListServicesAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            page => page.ServiceArns,
            cancellationToken);

    /// <summary>Every task ARN matching the request, across pages.</summary>
    public IAsyncEnumerable<string> ListAllTaskArnsAsync(ListTasksRequest request, CancellationToken cancellationToken) =>
        AwsPaginator.ItemsAsync(
            (token, ct) => ListTasksAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            page => page.TaskArns,
            cancellationToken);

    /// <summary>
    /// Describes any number of tasks of one cluster, <see cref="MaxTasksPerDescribe"/> per call, in order.
    /// Tasks that vanished between listing and describing are left out (they come back as MISSING failures).
    /// </summary>
    public async Task<IReadOnlyList<EcsTask>> DescribeAllTasksAsync(
        string cluster, IReadOnlyCollection<string> tasks, IReadOnlyList<string>? include, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var described = new List<EcsTask>(tasks.Count);
        foreach (var batch in tasks.Chunk(MaxTasksPerDescribe))
        {
            var response = await DescribeTasksAsync(
                new DescribeTasksRequest { Cluster = cluster, Tasks = batch, Include = include }, cancellationToken);
            described.AddRange(response.Tasks ?? []);
        }

        return described;
    }

    /// <summary>Describes any number of services of one cluster, <see cref="MaxServicesPerDescribe"/> per call.</summary>
    public async Task<IReadOnlyList<Service>> DescribeAllServicesAsync(
        string cluster, IReadOnlyCollection<string> services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var described = new List<Service>(services.Count);
        foreach (var batch in services.Chunk(MaxServicesPerDescribe))
        {
            var response = await DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = batch }, cancellationToken);
            described.AddRange(response.Services ?? []);
        }

        return described;
    }
}
