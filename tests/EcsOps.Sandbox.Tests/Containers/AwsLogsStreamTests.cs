using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Logs;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Tests.Containers;

public class AwsLogsStreamTests
{
    private const string Account = "111111111111";
    private readonly LogStore _logs = new(new WorldDefinition { Regions = ["us-east-1"], Accounts = [new AccountDefinition { Id = Account }] }, TimeProvider.System);

    [Fact]
    public void Open_MissingGroupWithCreateGroup_CreatesGroupAndPrefixedStream()
    {
        var stream = AwsLogsStream.Open(_logs, Awslogs("/ecs/new", "true"), Account, "us-east-1", "app", "task1")!;
        stream.Append("first");
        stream.Append("");

        var events = _logs.Use(Account, "us-east-1", groups => groups["/ecs/new"].Streams["svc/app/task1"].Events.ToList());
        Assert.Equal(["first"], events.Select(e => e.Message));
    }

    [Fact]
    public void Open_MissingGroupWithoutCreateGroup_FailsTheContainerStart()
    {
        var error = Assert.Throws<ContainerProcessStartException>(() => AwsLogsStream.Open(_logs, Awslogs("/ecs/absent", null), Account, "us-east-1", "app", "task1"));

        Assert.Contains("log group does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OtherDriver_LogsNowhere() =>
        Assert.Null(AwsLogsStream.Open(_logs, new LogConfiguration { LogDriver = "json-file" }, Account, "us-east-1", "app", "task1"));

    private static LogConfiguration Awslogs(string group, string? createGroup)
    {
        var options = new Dictionary<string, string> { ["awslogs-group"] = group, ["awslogs-stream-prefix"] = "svc" };
        if (createGroup is not null)
        {
            options["awslogs-create-group"] = createGroup;
        }

        return new LogConfiguration { LogDriver = "awslogs", Options = options };
    }
}
