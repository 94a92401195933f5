using EcsOps.Aws.Credentials;
using EcsOps.Aws.Endpoints;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Http;

/// <summary>Everything one service client needs to send AWS JSON requests.</summary>
public sealed record AwsJsonClientOptions
{
    /// <summary>Shared by all clients; never disposed by them.</summary>
    public required HttpClient HttpClient { get; init; }

    public required IAwsCredentialsProvider Credentials { get; init; }

    public required ResolvedEndpoint Endpoint { get; init; }

    /// <summary>The part of <c>X-Amz-Target</c> before the dot, e.g. <c>AmazonEC2ContainerServiceV20141113</c>.</summary>
    public required string TargetPrefix { get; init; }

    /// <summary><c>1.1</c> for ECS, Logs, KMS, Secrets Manager, Organizations; <c>1.0</c> for a few newer services.</summary>
    public string JsonVersion { get; init; } = "1.1";

    public RetryOptions Retry { get; init; } = new();

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Source of jitter in [0, 1); <see cref="Random.Shared"/> when null.</summary>
    public Func<double>? Random { get; init; }

    /// <summary>Success bodies beyond this size are refused (DescribeTasks of 100 tasks is well below a megabyte).</summary>
    public int MaxResponseBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Sent as <c>User-Agent</c>.</summary>
    public string UserAgent { get; init; } = "ecsops/" + (typeof(AwsJsonClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    internal SigV4Signer Signer => new(TimeProvider);
}
