using System.Security.Cryptography;
using EcsOps.Aws;
using EcsOps.Aws.Config;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Ecs;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Signing;
using EcsOps.Cli.Tests.Support;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Cli.Tests.Commands;

// The task behind a forward is replaced, then stopped for good: the forwards follow, then give up one by one.
public sealed partial class ForwardCommandTests
{
    private const string WebCluster = "dev-web";
    private const string WebTaskId = "11111111111111111111111111111111";

    [Fact]
    public async Task Forward_TaskReplacedThenStopped_FollowsTheNewTaskThenEveryForwardStopsAndTheRunFails()
    {
        // Its own sandbox: the shared one's web task must keep running for the other tests.
        var own = new CliSandboxFixture();
        await own.InitializeAsync();
        try
        {
            await using var echo = new EchoServer();
            await using var forward = own.Start(["forward", "dev-web/web", $"0:127.0.0.1:{echo.Port}", $"0:127.0.0.1:{echo.Port}"], captureStdout: false);
            var (first, _) = await ReadForwardingLineAsync(forward);
            var (second, _) = await ReadForwardingLineAsync(forward);
            var oldTarget = SessionFor(first, own.Host).Target;
            using var factory = AwsClientFactory.FromEnvironment(new EnvironmentVariables(own.Environment));
            var ecs = factory.CreateEcs(own.Environment["AWS_REGION"], new StaticCredentialsProvider(
                new AwsCredentials(own.Environment["AWS_ACCESS_KEY_ID"], own.Environment["AWS_SECRET_ACCESS_KEY"])));
            var movedFirst = WaitForSessionAsync(s => IsForLocalPort(s, first) && s.Target != oldTarget && s.State == SessionState.Connected, own.Host);
            var movedSecond = WaitForSessionAsync(s => IsForLocalPort(s, second) && s.Target != oldTarget && s.State == SessionState.Connected, own.Host);

            var replacement = await RunWebTaskAsync(ecs);
            await StopTaskAsync(ecs, WebTaskId);

            await movedFirst;
            await movedSecond;
            foreach (var port in new[] { first, second })
            {
                var (sent, received) = await EchoThroughAsync(port, RandomNumberGenerator.GetBytes(16 * 1024)).WaitAsync(s_deadline);
                Assert.Equal(sent, received);
            }

            await StopTaskAsync(ecs, replacement.TaskArn);
            var result = await forward.WaitAsync();

            Assert.True(result.ExitCode == 255, result.ToString());
            var error = Assert.Single(result.ErrorLines);
            Assert.Contains("the target is gone", error);
            var replacementId = replacement.TaskArn[(replacement.TaskArn.LastIndexOf('/') + 1)..];
            Assert.Equal(2, result.StandardError.Split('\n').Count(l => l.Contains($"task {WebTaskId} is gone; continuing through task {replacementId}", StringComparison.Ordinal)));
            var stopped = Assert.Single(result.StandardError.Split('\n'), l => l.Contains("the other forwards keep running", StringComparison.Ordinal));
            Assert.StartsWith("warning: ", stopped);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    private static async Task<EcsTask> RunWebTaskAsync(EcsClient ecs)
    {
        var response = await ecs.RunTaskAsync(
            new RunTaskRequest
            {
                Cluster = WebCluster,
                TaskDefinition = "web:3",
                Group = "service:web",
                EnableExecuteCommand = true,
                NetworkConfiguration = new NetworkConfiguration { AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-0dev0000000000001"] } },
            },
            CancellationToken.None);
        return Assert.Single(response.Tasks);
    }

    private static Task<StopTaskResponse> StopTaskAsync(EcsClient ecs, string task) =>
        ecs.StopTaskAsync(new StopTaskRequest { Cluster = WebCluster, Task = task, Reason = "replaced by the test" }, CancellationToken.None);
}
