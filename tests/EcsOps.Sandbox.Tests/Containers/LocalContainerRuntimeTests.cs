using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Identity;
using EcsOps.Sandbox.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOps.Sandbox.Tests.Containers;

[Collection(ContainerSandboxCollection.Name)]
public class LocalContainerRuntimeTests(ContainerSandboxFixture sandbox)
{
    private const string WebTaskId = "11111111111111111111111111111111";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunTask_CommandExits7_TaskStoppedWithExitCode7AndOutputInLogs()
    {
        var taskArn = await sandbox.RunTaskAsync("migrate", "migrate", "sh", "-c", "echo hi; echo oops >&2; exit 7");

        await sandbox.WaitForStatusAsync(taskArn, EcsStatus.Stopped);

        var described = await sandbox.Cli.JsonAsync("ecs", "describe-tasks", "--cluster", "dev-web", "--tasks", taskArn);
        var task = described.GetProperty("tasks")[0];
        Assert.Equal("STOPPED", task.GetProperty("lastStatus").GetString());
        Assert.Equal("EssentialContainerExited", task.GetProperty("stopCode").GetString());
        Assert.Equal("Essential container in task exited", task.GetProperty("stoppedReason").GetString());
        Assert.True(task.TryGetProperty("startedAt", out _), "the task was RUNNING before it stopped");
        Assert.Equal(7, task.GetProperty("containers")[0].GetProperty("exitCode").GetInt32());
        var messages = await sandbox.LogMessagesAsync("/ecs/migrate", $"migrate/migrate/{ContainerSandboxFixture.TaskIdOf(taskArn)}");
        Assert.Equal(["hi", "oops"], messages.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StopTask_LongRunningTask_SigtermStopsItWithTheRequestReason()
    {
        var taskArn = await sandbox.RunTaskAsync("migrate", "migrate", "sleep", "100");
        await sandbox.WaitForStatusAsync(taskArn, EcsStatus.Running);
        var mainProcess = sandbox.Runtime.MainProcessId(taskArn, "migrate")!.Value;
        var exec = await StartInContainerAsync(taskArn, "migrate", new ContainerProcessStart(["sleep", "100"], UsePty: false));
        Assert.True(ContainerContexts.IsAlive(mainProcess));

        await sandbox.Cli.JsonAsync("ecs", "stop-task", "--cluster", "dev-web", "--task", taskArn, "--reason", "maintenance window");
        await sandbox.WaitForStatusAsync(taskArn, EcsStatus.Stopped);

        var task = (await sandbox.Cli.JsonAsync("ecs", "describe-tasks", "--cluster", "dev-web", "--tasks", taskArn)).GetProperty("tasks")[0];
        Assert.Equal(("UserInitiated", "maintenance window"), (task.GetProperty("stopCode").GetString(), task.GetProperty("stoppedReason").GetString()));
        Assert.Equal(128 + 15, task.GetProperty("containers")[0].GetProperty("exitCode").GetInt32());
        Assert.False(ContainerContexts.IsAlive(mainProcess));
        Assert.False(ContainerContexts.IsAlive(exec.ProcessId), "an exec session's process outlived its container");
        await exec.DisposeAsync();
    }

    [Fact]
    public async Task StopTask_ProcessIgnoringSigterm_IsKilledAfterTheStopTimeout()
    {
        var taskArn = await sandbox.RunTaskAsync("migrate", "migrate", "sh", "-c", "trap '' TERM; while :; do sleep 1; done");
        await sandbox.WaitForStatusAsync(taskArn, EcsStatus.Running);

        await sandbox.Cli.JsonAsync("ecs", "stop-task", "--cluster", "dev-web", "--task", taskArn);
        var stopped = await sandbox.WaitForStatusAsync(taskArn, EcsStatus.Stopped);

        Assert.Equal(128 + 9, stopped.Containers[0].ExitCode);
    }

    [Fact]
    public async Task RunTask_UnknownExecutable_StopsWithTaskFailedToStart()
    {
        var taskArn = await sandbox.RunTaskAsync("migrate", "migrate", "no-such-program", "--flag");

        var stopped = await sandbox.WaitForStatusAsync(taskArn, EcsStatus.Stopped);

        Assert.Equal("TaskFailedToStart", stopped.StopCode);
        Assert.Contains("exec: \"no-such-program\": executable file not found in $PATH", stopped.StoppedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskRole_AwsCliInContainer_ActsAsTheTaskRoleInTheTasksAccount()
    {
        var taskArn = await sandbox.RunTaskAsync("web", "app", "sh", "-c",
            "/usr/bin/aws sts get-caller-identity --endpoint-url \"$AWS_ENDPOINT_URL\" --query Arn --output text");

        var stopped = await sandbox.WaitForStatusAsync(taskArn, EcsStatus.Stopped);

        var taskId = ContainerSandboxFixture.TaskIdOf(taskArn);
        var messages = await sandbox.LogMessagesAsync("/ecs/web", $"web/app/{taskId}");
        Assert.True(stopped.Containers[0].ExitCode == 0, string.Join('\n', messages));
        Assert.Equal([$"arn:aws:sts::111111111111:assumed-role/web-task/{taskId}"], messages);
    }

    [Fact]
    public async Task Secrets_AndDefinitionEnvironment_AreInTheContainersEnvironment()
    {
        var taskArn = await sandbox.RunTaskAsync("web", "app", "sh", "-c",
            "echo \"db=$DB_PASSWORD env=$APP_ENV region=$AWS_REGION endpoint=$AWS_ENDPOINT_URL key=${AWS_ACCESS_KEY_ID:-none} dir=$(pwd)\"");

        await sandbox.WaitForStatusAsync(taskArn, EcsStatus.Stopped);

        var taskId = ContainerSandboxFixture.TaskIdOf(taskArn);
        var directory = Path.Combine(sandbox.Host.DataDirectory, "containers", taskId, "app");
        Assert.Equal(
            [$"db=correct-horse-battery-staple env=dev region=us-east-1 endpoint={sandbox.Host.Endpoint.ToString().TrimEnd('/')} key=none dir={directory}"],
            await sandbox.LogMessagesAsync("/ecs/web", $"web/app/{taskId}"));
    }

    [Fact]
    public async Task WorldTask_AtStart_RunsWithLoopbackPortAndAcceptsExecProcesses()
    {
        var container = WorldWebContainer();
        Assert.True(ContainerContexts.IsAlive(sandbox.Runtime.MainProcessId(container.TaskArn, "app")!.Value));
        var port = container.LoopbackPorts[80];
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), container.Environment["PORT"]);

        await using var shell = await sandbox.Runtime.StartProcessAsync(container, new ContainerProcessStart([], UsePty: true), CancellationToken.None);
        var output = new OutputRecorder(shell.Output);
        await shell.Input.WriteAsync("echo \"$APP_ENV-$ECSOPS_PORT_80\"; exit 3\n"u8.ToArray());

        Assert.Equal(3, await shell.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
        await output.WaitForAsync($"dev-{port}\r\n");
    }

    [Fact]
    public async Task CredentialsEndpoint_WithTheContainersToken_ReturnsCredentialsTheSandboxAccepts()
    {
        var container = WorldWebContainer();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, container.Environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"]);
        request.Headers.TryAddWithoutValidation("Authorization", container.Environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("arn:aws:iam::111111111111:role/web-task", body.GetProperty("RoleArn").GetString());
        Assert.True(body.GetProperty("Expiration").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(1));
        var identity = sandbox.Host.Services.GetRequiredService<CredentialStore>().FindIdentity(body.GetProperty("AccessKeyId").GetString()!);
        Assert.Equal($"arn:aws:sts::111111111111:assumed-role/web-task/{WebTaskId}", identity?.Arn);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-the-token", HttpStatusCode.Forbidden)]
    public async Task CredentialsEndpoint_WithoutTheRightToken_Refuses(string? token, HttpStatusCode expected)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, WorldWebContainer().Environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"]);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("SecretAccessKey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsPath_SignedS3Request_StillGoesToS3()
    {
        using var raw = new RawAwsClient(sandbox.Host.Endpoint, SandboxFixture.CredentialsOf(sandbox.Dev), "us-east-1");

        using var response = await raw.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v2/credentials/some-key"), "s3");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<Code>NoSuchBucket</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private ContainerContext WorldWebContainer()
    {
        var task = sandbox.Host.Ecs.Read(ContainerSandboxFixture.DevScope, region => region.FindTask(WebTaskId))!.Value.Task;
        return sandbox.Runtime.FindContainer("dev-web", WebTaskId, task.Containers[0].RuntimeId!)
            ?? throw new InvalidOperationException("the world's web container is not running");
    }

    private async Task<IContainerProcess> StartInContainerAsync(string taskArn, string containerName, ContainerProcessStart start)
    {
        var task = sandbox.Host.Ecs.Read(ContainerSandboxFixture.DevScope, region => region.FindTask(taskArn))!.Value.Task;
        var runtimeId = task.Containers.Single(c => c.Name == containerName).RuntimeId!;
        var container = sandbox.Runtime.FindContainer("dev-web", ContainerSandboxFixture.TaskIdOf(taskArn), runtimeId)!;
        return await sandbox.Runtime.StartProcessAsync(container, start, CancellationToken.None);
    }
}
