using EcsOps.Aws.Config;
using EcsOps.Aws.Credentials;

namespace EcsOps.Aws;

/// <summary>What an <see cref="AwsWorkspace"/> is built from.</summary>
public sealed record AwsWorkspaceOptions
{
    public EcsOpsConfig Config { get; init; } = EcsOpsConfig.Empty;

    /// <summary>Where AWS_* and XDG_* variables are read.</summary>
    public IEnvironmentVariables Environment { get; init; } = ProcessEnvironmentVariables.Instance;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The operator's credentials; the AWS SDK's standard chain (with the configured profile) when null.</summary>
    public IAwsCredentialsProvider? BaseCredentials { get; init; }

    /// <summary>The AWS profile; <see cref="DefaultsConfig.Profile"/>, then AWS_PROFILE, when null.</summary>
    public string? Profile { get; init; }

    /// <summary>Where the discovery cache lives; <see cref="Discovery.DiscoveryCache.DefaultDirectory"/> when null.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Shared HTTP client for the JSON clients; the workspace creates and owns one when null.</summary>
    public HttpClient? HttpClient { get; init; }
}
