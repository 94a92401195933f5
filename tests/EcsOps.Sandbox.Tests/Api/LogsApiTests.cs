using System.Text.Json;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Api;

[Collection(SandboxCollection.Name)]
public class LogsApiTests(SandboxFixture sandbox)
{
    private static readonly long s_now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private async Task<RawAwsClient> StreamWithEventsAsync(string group, string stream, params string[] messages)
    {
        var logs = sandbox.Raw();
        await logs.JsonOkAsync("logs", "CreateLogGroup", $$"""{"logGroupName":"{{group}}"}""");
        await logs.JsonOkAsync("logs", "CreateLogStream", $$"""{"logGroupName":"{{group}}","logStreamName":"{{stream}}"}""");
        var events = JsonSerializer.Serialize(messages.Select((m, i) => new { timestamp = s_now + i, message = m }));
        await logs.JsonOkAsync("logs", "PutLogEvents", $$"""{"logGroupName":"{{group}}","logStreamName":"{{stream}}","logEvents":{{events}}}""");
        return logs;
    }

    private static string[] Messages(JsonElement response) =>
        [.. response.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()!)];

    [Fact]
    public async Task GetLogEvents_DefaultDirection_ReturnsNewestThenPagesBackward()
    {
        using var logs = await StreamWithEventsAsync("/api/paging", "s", "e1", "e2", "e3", "e4", "e5");

        var newest = await logs.JsonOkAsync("logs", "GetLogEvents", """{"logGroupName":"/api/paging","logStreamName":"s","limit":2}""");
        var older = await logs.JsonOkAsync("logs", "GetLogEvents",
            $$"""{"logGroupName":"/api/paging","logStreamName":"s","limit":2,"nextToken":"{{newest.GetProperty("nextBackwardToken").GetString()}}"}""");
        var end = await logs.JsonOkAsync("logs", "GetLogEvents",
            $$"""{"logGroupName":"/api/paging","logStreamName":"s","nextToken":"{{newest.GetProperty("nextForwardToken").GetString()}}"}""");

        Assert.Equal(["e4", "e5"], Messages(newest));
        Assert.Equal(["e2", "e3"], Messages(older));
        Assert.Empty(Messages(end));
        Assert.Equal(newest.GetProperty("nextForwardToken").GetString(), end.GetProperty("nextForwardToken").GetString());
    }

    [Theory]
    [InlineData("ERROR", new[] { "ERROR disk full", "ERROR timeout on db" })]
    [InlineData("ERROR -timeout", new[] { "ERROR disk full" })]
    [InlineData("\"timeout on\"", new[] { "ERROR timeout on db" })]
    [InlineData("?full ?started", new[] { "INFO started", "ERROR disk full" })]
    public async Task FilterLogEvents_TermPatterns_MatchLikeCloudWatch(string pattern, string[] expected)
    {
        var group = "/api/filter/" + Guid.NewGuid().ToString("N");
        using var logs = await StreamWithEventsAsync(group, "s", "INFO started", "ERROR disk full", "ERROR timeout on db");

        var found = await logs.JsonOkAsync("logs", "FilterLogEvents",
            JsonSerializer.Serialize(new { logGroupName = group, filterPattern = pattern }));

        Assert.Equal(expected, Messages(found));
    }

    [Fact]
    public async Task PutLogEvents_OutOfOrder_FailsWithInvalidParameter()
    {
        using var logs = await StreamWithEventsAsync("/api/order", "s", "first");

        var (_, error) = await logs.JsonErrorAsync("logs", "PutLogEvents",
            $$"""{"logGroupName":"/api/order","logStreamName":"s","logEvents":[{"timestamp":{{s_now + 10}},"message":"b"},{"timestamp":{{s_now}},"message":"a"}]}""");

        Assert.Equal("InvalidParameterException", error.Code);
    }

    [Fact]
    public async Task PutLogEvents_UnknownStream_FailsWithResourceNotFound()
    {
        using var logs = sandbox.Raw();

        var (_, error) = await logs.JsonErrorAsync("logs", "PutLogEvents",
            $$"""{"logGroupName":"/ecs/web","logStreamName":"nope","logEvents":[{"timestamp":{{s_now}},"message":"a"}]}""");

        Assert.Equal("ResourceNotFoundException", error.Code);
    }

    [Fact]
    public async Task DescribeLogStreams_ByLastEventTimeDescending_NewestStreamFirst()
    {
        using var logs = await StreamWithEventsAsync("/api/streams", "older", "x");
        await logs.JsonOkAsync("logs", "CreateLogStream", """{"logGroupName":"/api/streams","logStreamName":"newer"}""");
        await logs.JsonOkAsync("logs", "PutLogEvents",
            $$"""{"logGroupName":"/api/streams","logStreamName":"newer","logEvents":[{"timestamp":{{s_now + 1000}},"message":"y"}]}""");

        var streams = await logs.JsonOkAsync("logs", "DescribeLogStreams",
            """{"logGroupName":"/api/streams","orderBy":"LastEventTime","descending":true}""");

        Assert.Equal(["newer", "older"], streams.GetProperty("logStreams").EnumerateArray().Select(s => s.GetProperty("logStreamName").GetString()));
    }
}
