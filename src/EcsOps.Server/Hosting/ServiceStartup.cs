using EcsOps.Aws;
using EcsOps.Aws.Config;
using EcsOps.Runbooks.Loading;
using EcsOps.Runbooks.Running;
using EcsOps.Server.Engine;

namespace EcsOps.Server.Hosting;

/// <summary>
/// What <c>ecsops serve</c> starts: the runbooks of the workspace's ecsops.yaml, run by the runbook engine with the
/// workspace's AWS identity (the service's own credential chain; nothing from callers), behind a <see cref="ServerHost"/>.
/// </summary>
public static class ServiceStartup
{
    /// <param name="workspace">The service's AWS workspace (config, credentials, clients); it must outlive the host.</param>
    /// <param name="environment">Where <c>env:NAME</c> secrets are read: the service's environment.</param>
    /// <param name="port">Overrides the configured port; 0 picks a free one.</param>
    /// <param name="baseDirectory">Where relative runbook includes start when the config did not come from a file.</param>
    /// <exception cref="ConfigException">The runbooks or server section is invalid, or a secret is missing.</exception>
    public static Task<ServerHost> StartAsync(
        AwsWorkspace workspace, IEnvironmentVariables environment, int? port, string baseDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var catalog = RunbookLoader.Load(workspace.Config, baseDirectory);
        var engine = new RunbookEngine(workspace, catalog.Settings);
        return ServerHost.StartAsync(
            new ServerHostOptions
            {
                Config = workspace.Config,
                Port = port,
                Catalog = new RunbookEngineCatalog(catalog),
                Runner = new RunbookEngineRunner(engine, catalog),
                Aws = workspace,
                Environment = environment,
            },
            cancellationToken);
    }
}
