using EcsOps.Aws;
using EcsOps.Aws.Config;
using EcsOps.Aws.Config.Server;
using EcsOps.Server.Audit;
using EcsOps.Server.Engine;

namespace EcsOps.Server.Hosting;

/// <summary>What a <see cref="ServerHost"/> is built from.</summary>
public sealed record ServerHostOptions
{
    /// <summary>ecsops.yaml; its <c>server</c> section is read unless <see cref="Server"/> is given.</summary>
    public EcsOpsConfig Config { get; init; } = EcsOpsConfig.Empty;

    /// <summary>The server settings; read from <see cref="Config"/> when null.</summary>
    public ServerConfig? Server { get; init; }

    /// <summary>Overrides the configured port (<c>--port</c>); 0 picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>The runbook engine's answer to "may this run, with these parameters?".</summary>
    public required IRunbookCatalog Catalog { get; init; }

    /// <summary>What executes runs.</summary>
    public required IJobRunner Runner { get; init; }

    /// <summary>A second audit destination (the product-wide audit trail); runs are also audited in the job store.</summary>
    public IServerAudit? AuditTrail { get; init; }

    /// <summary>Where <c>env:NAME</c> secrets and XDG directories are read.</summary>
    public IEnvironmentVariables Environment { get; init; } = ProcessEnvironmentVariables.Instance;

    /// <summary>The service's own AWS identity (Secrets Manager references); null when it has none.</summary>
    public AwsWorkspace? Aws { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>For posts to Slack's response_url; the host makes one when null.</summary>
    public HttpClient? SlackHttpClient { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>
    /// How long stopping waits, after <see cref="ServerConfig.ShutdownGrace"/>, for the runs it stopped to end before
    /// it gives up and reports a failed shutdown.
    /// </summary>
    public TimeSpan StopMargin { get; init; } = TimeSpan.FromSeconds(15);
}
