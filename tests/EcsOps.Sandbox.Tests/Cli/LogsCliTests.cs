using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Cli;

[Collection(SandboxCollection.Name)]
public class LogsCliTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task PutLogEvents_ThenGetLogEvents_ReturnsEventsInOrder()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal(0, (await sandbox.Cli.RunAsync("logs", "create-log-group", "--log-group-name", "/cli/test")).ExitCode);
        Assert.Equal(0, (await sandbox.Cli.RunAsync("logs", "create-log-stream", "--log-group-name", "/cli/test", "--log-stream-name", "app/1")).ExitCode);

        await sandbox.Cli.JsonAsync("logs", "put-log-events", "--log-group-name", "/cli/test", "--log-stream-name", "app/1",
            "--log-events", $"timestamp={now},message=first line", $"timestamp={now + 1},message=second line");
        var events = await sandbox.Cli.JsonAsync("logs", "get-log-events", "--log-group-name", "/cli/test",
            "--log-stream-name", "app/1", "--start-from-head");

        Assert.Equal(["first line", "second line"], events.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()));
        Assert.StartsWith("f/", events.GetProperty("nextForwardToken").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateLogGroup_Twice_FailsWithResourceAlreadyExists()
    {
        Assert.Equal(0, (await sandbox.Cli.RunAsync("logs", "create-log-group", "--log-group-name", "/cli/twice")).ExitCode);

        var second = await sandbox.Cli.RunAsync("logs", "create-log-group", "--log-group-name", "/cli/twice");

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("ResourceAlreadyExistsException", second.Stderr, StringComparison.Ordinal);
    }
}
