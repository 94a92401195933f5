using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using EcsOps.Sandbox.Faults;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Faults;

/// <summary>Latency and throttling on the sandbox's APIs, AWS-shaped per protocol, set by host API or admin endpoint.</summary>
public sealed class ApiFaultTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private SandboxHost _host = null!;

    public async Task InitializeAsync() => _host = await SandboxHost.StartAsync(new SandboxOptions { TimerClock = _clock });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private RawAwsClient Raw() => new(_host.Endpoint, SandboxFixture.CredentialsOf(_host.World.Accounts[0]), "us-east-1");

    private static FaultPlan Throttle(string key) => new() { ApiThrottleRate = new Dictionary<string, double> { [key] = 1.0 } };

    [Fact]
    public async Task Throttle_JsonService_ThrottlingException400()
    {
        _host.Faults.Apply(Throttle("ecs"));
        using var raw = Raw();

        var (status, error) = await raw.JsonErrorAsync("ecs", "ListClusters", "{}");

        Assert.Equal((400, "ThrottlingException"), (status, error.Code));
        Assert.Equal(1, _host.Faults.ApiRequestsThrottled);
    }

    [Fact]
    public async Task Throttle_Sts_ThrottlingQueryError()
    {
        _host.Faults.Apply(Throttle("sts"));
        using var raw = Raw();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent("Action=GetCallerIdentity&Version=2011-06-15", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        using var response = await raw.SendAsync(request, "sts");
        var body = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Throttling", body.Descendants().Single(e => e.Name.LocalName == "Code").Value);
    }

    [Fact]
    public async Task Throttle_S3_SlowDown503()
    {
        _host.Faults.Apply(Throttle("s3"));
        using var raw = Raw();

        using var response = await raw.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"), "s3");
        var body = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("SlowDown", body.Root!.Element("Code")!.Value);
    }

    [Fact]
    public async Task Throttle_OneOperation_OtherOperationsOfTheServiceServed()
    {
        _host.Faults.Apply(Throttle("AmazonEC2ContainerServiceV20141113.ListClusters"));
        using var raw = Raw();

        var (_, error) = await raw.JsonErrorAsync("ecs", "ListClusters", "{}");
        var described = await raw.JsonOkAsync("ecs", "DescribeClusters", """{"clusters":["dev-web"]}""");

        Assert.Equal("ThrottlingException", error.Code);
        Assert.Equal(1, described.GetProperty("clusters").GetArrayLength());
    }

    [Fact]
    public async Task Latency_OnService_RequestWaitsForTheTimerClock()
    {
        _host.Faults.Apply(new FaultPlan { ApiLatency = new Dictionary<string, TimeSpan> { ["ecs:ListClusters"] = TimeSpan.FromSeconds(5) } });
        using var raw = Raw();

        var pending = raw.JsonOkAsync("ecs", "ListClusters", "{}");
        await _clock.WaitForTimerWithinAsync(TimeSpan.FromSeconds(5)).WithinTestDeadline();
        var completedBeforeTheDelay = pending.IsCompleted;
        _clock.Advance(TimeSpan.FromSeconds(5));
        var clusters = await pending.WithinTestDeadline();

        Assert.False(completedBeforeTheDelay);
        Assert.True(clusters.GetProperty("clusterArns").GetArrayLength() > 0);
        Assert.Equal(1, _host.Faults.ApiRequestsDelayed);
    }

    [Fact]
    public async Task AdminEndpoint_PutGetDelete_AppliesReportsAndClearsThePlan()
    {
        using var admin = new HttpClient { BaseAddress = _host.Endpoint };
        using var raw = Raw();

        using var put = await admin.PutAsync(new Uri("/_sandbox/faults", UriKind.Relative), new StringContent(
            """{"seed":3,"apiThrottleRate":{"kms":1},"clientToAgent":{"drop":0.5,"delayMs":7}}""", Encoding.UTF8, "application/json"));
        var (_, throttled) = await raw.JsonErrorAsync("kms", "GenerateDataKey", """{"KeyId":"alias/ecsops","NumberOfBytes":64}""");
        var plan = await admin.GetStringAsync(new Uri("/_sandbox/faults", UriKind.Relative));
        using var delete = await admin.DeleteAsync(new Uri("/_sandbox/faults", UriKind.Relative));
        var key = await raw.JsonOkAsync("kms", "GenerateDataKey", """{"KeyId":"alias/ecsops","NumberOfBytes":64}""");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("ThrottlingException", throttled.Code);
        Assert.Contains("\"drop\":0.5", plan, StringComparison.Ordinal);
        Assert.Contains("\"delayMs\":7", plan, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(64, Convert.FromBase64String(key.GetProperty("Plaintext").GetString()!).Length);
    }

    [Theory]
    [InlineData("""{"apiThrottleRate":{"ssm":2}}""")]
    [InlineData("""{"clientToAgent":{"drop":0.7,"duplicate":0.7}}""")]
    [InlineData("not json")]
    public async Task AdminEndpoint_InvalidPlan_400AndPlanUnchanged(string body)
    {
        using var admin = new HttpClient { BaseAddress = _host.Endpoint };

        using var put = await admin.PutAsync(new Uri("/_sandbox/faults", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Same(FaultPlan.None, _host.Faults.Plan);
    }

    [Fact]
    public async Task AdminEndpoint_DisconnectUnknownSession_404()
    {
        using var admin = new HttpClient { BaseAddress = _host.Endpoint };

        using var response = await admin.PostAsync(new Uri("/_sandbox/sessions/nope/disconnect?peer=client", UriKind.Relative), null);
        using var restart = await admin.PostAsync(new Uri("/_sandbox/sessions/nope/restart-agent", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, restart.StatusCode);
    }
}
