using EcsOps.Aws.Http;
using EcsOps.Aws.Logs;
using EcsOps.Aws.Logs.Model;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Clients;

[Collection(SandboxCollection.Name)]
public class LogsClientTests(SandboxFixture sandbox)
{
    private LogsClient Logs => sandbox.Factory().CreateLogs("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));

    [Fact]
    public async Task PutThenRead_ThreeEvents_AllOperationsRoundTrip()
    {
        var group = "/ecsops/test/" + Guid.NewGuid().ToString("N");
        await Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = group }, CancellationToken.None);
        await Logs.CreateLogStreamAsync(new CreateLogStreamRequest { LogGroupName = group, LogStreamName = "s1" }, CancellationToken.None);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var put = await Logs.PutLogEventsAsync(
            new PutLogEventsRequest
            {
                LogGroupName = group,
                LogStreamName = "s1",
                LogEvents = [new() { Timestamp = now, Message = "alpha" }, new() { Timestamp = now + 1, Message = "beta" }, new() { Timestamp = now + 2, Message = "alpha beta" }],
            },
            CancellationToken.None);

        var read = new List<string?>();
        await foreach (var logEvent in Logs.GetAllLogEventsAsync(new GetLogEventsRequest { LogGroupName = group, LogStreamName = "s1", Limit = 2 }, CancellationToken.None))
        {
            read.Add(logEvent.Message);
        }

        var filtered = await Logs.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = group, FilterPattern = "alpha" }, CancellationToken.None);
        var streams = await Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = group }, CancellationToken.None);

        Assert.Null(put.RejectedLogEventsInfo);
        Assert.Equal(["alpha", "beta", "alpha beta"], read);
        Assert.Equal(["alpha", "alpha beta"], filtered.Events.Select(e => e.Message));
        Assert.Equal("s1", Assert.Single(streams.LogStreams).LogStreamName);
    }

    [Fact]
    public async Task GetLogEvents_MissingGroup_ThrowsResourceNotFound()
    {
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Logs.GetLogEventsAsync(
            new GetLogEventsRequest { LogGroupName = "/does/not/exist", LogStreamName = "s" }, CancellationToken.None));
    }

    [Fact]
    public async Task CreateLogGroup_Twice_ThrowsServiceErrorWithCode()
    {
        var group = "/ecsops/test/" + Guid.NewGuid().ToString("N");
        await Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = group }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = group }, CancellationToken.None));

        Assert.Equal("ResourceAlreadyExistsException", error.ErrorCode);
    }
}
