using System.Net;
using System.Net.Sockets;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Endpoints;
using EcsOps.Aws.Http;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Http;

public class AwsJsonClientTests
{
    private const string EmptyClusters = """{"clusterArns":[]}""";

    private static async Task<(ScriptedAwsServer Server, Ecs.EcsClient Ecs)> StartAsync(
        Func<int, RecordedRequest, ScriptedResponse> script, RetryOptions? retry = null)
    {
        var count = 0;
        var server = await ScriptedAwsServer.StartAsync(request => script(Interlocked.Increment(ref count), request));
        var ecs = TestEnvironment.Factory(server.Endpoint, retry).CreateEcs("eu-west-1", TestEnvironment.Credentials());
        return (server, ecs);
    }

    [Fact]
    public async Task Invoke_Request_IsAwsJson11WithTargetAndSignature()
    {
        var (server, ecs) = await StartAsync((_, _) => ScriptedResponse.Json(EmptyClusters));
        await using var _ = server;

        await ecs.ListClustersAsync(new ListClustersRequest { MaxResults = 5 }, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.ListClusters", request.Target);
        Assert.Equal("application/x-amz-json-1.1", request.ContentType);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Authorization, StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/ecs/aws4_request", request.Authorization, StringComparison.Ordinal);
        Assert.Equal("""{"maxResults":5}""", request.Body);
    }

    [Fact]
    public async Task Invoke_ThrottledTwiceThenSuccess_ReturnsAnswerAfterThreeAttempts()
    {
        var (server, ecs) = await StartAsync((n, _) => n <= 2
            ? ScriptedResponse.Error(400, "ThrottlingException", "Rate exceeded")
            : ScriptedResponse.Json("""{"clusterArns":["arn:aws:ecs:eu-west-1:111111111111:cluster/a"]}"""));
        await using var _ = server;

        var response = await ecs.ListClustersAsync(new ListClustersRequest(), CancellationToken.None);

        Assert.Single(response.ClusterArns);
        Assert.Equal(["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"], server.Requests.Select(r => r.SdkRequest));
    }

    [Fact]
    public async Task Invoke_ThrottledEveryTime_ThrowsThrottlingAfterMaxAttempts()
    {
        var (server, ecs) = await StartAsync(
            (_, _) => ScriptedResponse.Error(400, "ThrottlingException", "Rate exceeded"),
            new RetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.Zero });
        await using var _ = server;

        var error = await Assert.ThrowsAsync<ThrottlingException>(() => ecs.ListClustersAsync(new ListClustersRequest(), CancellationToken.None));

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("req-4", error.RequestId);
        Assert.True(error.IsThrottling);
    }

    [Fact]
    public async Task Invoke_MaxAttemptsOne_DoesNotRetry()
    {
        var (server, ecs) = await StartAsync(
            (_, _) => ScriptedResponse.Error(503, "ServiceUnavailable", "try later"), new RetryOptions { MaxAttempts = 1 });
        await using var _ = server;

        await Assert.ThrowsAsync<AwsServiceException>(() => ecs.ListClustersAsync(new ListClustersRequest(), CancellationToken.None));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Invoke_ServerErrorThenSuccess_Retries()
    {
        var (server, ecs) = await StartAsync((n, _) => n == 1
            ? new ScriptedResponse(502, "<html>Bad Gateway</html>", "text/html")
            : ScriptedResponse.Json(EmptyClusters));
        await using var _ = server;

        await ecs.ListClustersAsync(new ListClustersRequest(), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Invoke_ClientError_IsNotRetriedAndIsTyped()
    {
        var (server, ecs) = await StartAsync((_, _) => ScriptedResponse.Error(400, "ClusterNotFoundException", "Cluster not found."));
        await using var _ = server;

        var error = await Assert.ThrowsAsync<ClusterNotFoundException>(
            () => ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "nope", Tasks = ["x"] }, CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal("Cluster not found.", error.Message);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task Invoke_SuccessBodyNotJson_ThrowsInvalidResponse()
    {
        var (server, ecs) = await StartAsync((_, _) => ScriptedResponse.Json("{not json"));
        await using var _ = server;

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => ecs.ListClustersAsync(new ListClustersRequest(), CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Contains("ListClusters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_EmptySuccessBody_ReadsAsEmptyObject()
    {
        var (server, ecs) = await StartAsync((_, _) => ScriptedResponse.Json(""));
        await using var _ = server;

        var arns = new List<string>();
        await foreach (var arn in ecs.ListAllClusterArnsAsync(new ListClustersRequest(), CancellationToken.None))
        {
            arns.Add(arn);
        }

        Assert.Empty(arns);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Invoke_NothingListening_ThrowsConnectionExceptionAfterAllAttempts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var ecs = TestEnvironment.Factory(new Uri($"http://127.0.0.1:{port}"))
            .CreateEcs("eu-west-1", TestEnvironment.Credentials());

        var error = await Assert.ThrowsAsync<AwsConnectionException>(() => ecs.ListClustersAsync(new ListClustersRequest(), CancellationToken.None));

        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Invoke_Throttled_WaitsOnTheClockBeforeRetrying()
    {
        var clock = new ManualClock();
        var server = await ScriptedAwsServer.StartAsync(_ => ScriptedResponse.Error(400, "Throttling", "slow down"));
        await using var _ = server;
        using var factory = new AwsClientFactory(
            new EndpointResolver(TestEnvironment.WithEndpoint(server.Endpoint), configFile: AwsSharedConfigFile.Empty),
            new RetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromSeconds(10) },
            clock);
        var transport = factory.CreateJsonTransport(AwsServiceId.Ecs, Ecs.EcsClient.TargetPrefix, "eu-west-1", TestEnvironment.Credentials());

        var call = new Ecs.EcsClient(transport).ListClustersAsync(new ListClustersRequest(), CancellationToken.None);
        await clock.WaitForScheduledTimerAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(server.Requests);
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<ThrottlingException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Invoke_CancelledDuringBackOff_ThrowsOperationCanceled()
    {
        var clock = new ManualClock();
        var server = await ScriptedAwsServer.StartAsync(_ => ScriptedResponse.Error(400, "Throttling", "slow down"));
        await using var _ = server;
        using var factory = new AwsClientFactory(
            new EndpointResolver(TestEnvironment.WithEndpoint(server.Endpoint), configFile: AwsSharedConfigFile.Empty),
            new RetryOptions { BaseDelay = TimeSpan.FromSeconds(10) },
            clock);
        using var cancellation = new CancellationTokenSource();

        var call = factory.CreateEcs("eu-west-1", TestEnvironment.Credentials()).ListClustersAsync(new ListClustersRequest(), cancellation.Token);
        await clock.WaitForScheduledTimerAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(server.Requests);
    }
}
