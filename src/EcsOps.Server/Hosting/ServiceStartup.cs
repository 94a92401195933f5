using EcsOps.Aws;
using EcsOps.Aws.Audit;
using EcsOps.Runbooks.Loading;
using EcsOps.Server.Audit;
using EcsOps.Server.Engine;

namespace EcsOps.Server.Hosting;

/// <summary>
/// What <c>ecsops serve</c> starts: the runbooks of the workspace's ecsops.yaml, run by the runbook engine with the
/// workspace's AWS identity (the service's own credential chain; nothing from callers), behind a <see cref="ServerHost"/>,
/// everything in the audit trail that <c>audit:</c> configures (as <c>serve</c>) as well as in the job store.
/// </summary>
public static class ServiceStartup
{
    /// <param name="workspace">
    /// The service's AWS workspace (config, environment, credentials, clients); it must outlive the host. <c>env:NAME</c>
    /// secrets are read from its environment.
    /// </param>
    /// <param name="port">Overrides the configured port; 0 picks a free one.</param>
    /// <param name="baseDirectory">Where relative runbook includes start when the config did not come from a file.</param>
    /// <param name="warn">Receives a line when one audit sink failed but another stored the event.</param>
    /// <exception cref="Aws.Config.ConfigException">The runbooks or server section is invalid, or a secret is missing.</exception>
    public static Task<ServerHost> StartAsync(
        AwsWorkspace workspace, int? port, string baseDirectory, Action<string>? warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var catalog = RunbookLoader.Load(workspace.Config, baseDirectory);
        var trail = AuditTrailFactory.Create(workspace, "serve", warn);
        return ServerHost.StartAsync(
            new ServerHostOptions
            {
                Config = workspace.Config,
                Port = port,
                Catalog = new RunbookEngineCatalog(catalog),
                Runner = new RunbookEngineRunner(workspace, catalog, trail),
                AuditTrail = new AuditTrailServerAudit(trail),
                Aws = workspace,
                Environment = workspace.Environment,
            },
            cancellationToken);
    }
}
