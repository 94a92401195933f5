using EcsOps.Aws;
using EcsOps.Aws.Config;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Ecs;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Logs;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// A sandbox of its own for the inspect tests (Support/inspect-world.yaml): they stop tasks and deploy revisions, which
/// must not disturb the default world the other CLI tests share.
/// </summary>
public sealed class InspectSandboxFixture : CliSandboxFixture
{
    public const string AccountId = "444444444444";
    public const string Region = "us-east-1";
    public const string Cluster = "shop";

    protected override string? WorldFile => Path.Combine(AppContext.BaseDirectory, "Support", "inspect-world.yaml");

    /// <summary>An ECS client acting as the world's account, to change things the way an operator would.</summary>
    public EcsClient Ecs()
    {
        var environment = new EnvironmentVariables(Environment);
        var factory = AwsClientFactory.FromEnvironment(environment);
        var credentials = new StaticCredentialsProvider(
            new AwsCredentials(Environment["AWS_ACCESS_KEY_ID"], Environment["AWS_SECRET_ACCESS_KEY"], null, null));
        return factory.CreateEcs(Region, credentials);
    }

    /// <summary>Completes once the task is recorded STOPPED (its processes gone, exit codes known).</summary>
    public Task WaitUntilStoppedAsync(string taskId, CancellationToken cancellationToken) =>
        Host.Ecs.WaitForTaskAsync(
            new EcsScope(AccountId, Region), $"arn:aws:ecs:{Region}:{AccountId}:task/{Cluster}/{taskId}", t => t.LastStatus == EcsStatus.Stopped, cancellationToken);

    /// <summary>Completes once the container's awslogs stream holds a line containing <paramref name="text"/>.</summary>
    public async Task WaitForLogLineAsync(string stream, string text, CancellationToken cancellationToken)
    {
        var logs = Host.Services.GetRequiredService<LogStore>();
        while (!logs.Use(AccountId, Region, groups =>
                   groups.TryGetValue("/ecs/shop", out var group) && group.Streams.TryGetValue(stream, out var events)
                   && events.Events.Any(e => e.Message.Contains(text, StringComparison.Ordinal))))
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InspectSandboxCollection : ICollectionFixture<InspectSandboxFixture>
{
    public const string Name = "inspect-sandbox";
}
