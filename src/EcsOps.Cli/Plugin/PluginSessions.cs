using System.Net;
using System.Net.Sockets;
using EcsOps.Aws;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Endpoints;
using EcsOps.Aws.Sessions;
using EcsOps.Cli.Forwarding;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Targeting;
using Spectre.Console;

namespace EcsOps.Cli.Plugin;

/// <summary>
/// exec and forward through the official session-manager-plugin: ecsops finds the container and asks for the session
/// (ECS ExecuteCommand or SSM StartSession) with its own credentials and roles, then hands the session to the plugin.
/// What the plugin does not do is not done: no exit status from the remote command, no binary-safe output (the PTY
/// as it is), one plugin process per forward. The session is terminated when the plugin exits, in case it did not.
/// </summary>
public sealed class PluginSessions(AwsWorkspace workspace, CliContext context, string executable)
{
    private readonly SessionStarter _starter = SessionStarter.For(workspace);
    private readonly PluginProcess _plugin = new(executable, context.Interrupts);

    /// <summary>Runs <paramref name="command"/> (a shell, or a command string) in the container; returns the plugin's exit status.</summary>
    /// <param name="onSession">Told the session id once the session is granted (for the audit trail).</param>
    public async Task<int> ExecAsync(DiscoveredContainer container, string command, Action<string> onSession, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(onSession);
        var version = await _plugin.VersionAsync(cancellationToken);
        var grant = await SessionFailureDoctor.RunAsync(
            workspace, container, context, () => _starter.RequestExecuteCommandAsync(container, command, cancellationToken), cancellationToken);
        onSession(grant.SessionId);
        return await RunAsync(grant, version, cancellationToken);
    }

    /// <summary>One plugin per forward, all at once; returns the worst exit status once every plugin has ended.</summary>
    /// <param name="reason">The StartSession Reason (it carries the run id).</param>
    /// <param name="onSession">Told each session id once it is granted (for the audit trail).</param>
    public async Task<int> ForwardAsync(
        DiscoveredContainer container, IReadOnlyList<ForwardSpec> specs, string reason, Action<string> onSession, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(onSession);
        var version = await _plugin.VersionAsync(cancellationToken);
        var runs = new List<Task<int>>();
        foreach (var spec in specs)
        {
            var localPort = spec.LocalPort == 0 ? FreeLocalPort() : spec.LocalPort;
            var (document, parameters) = PortForwardingDocuments.For(spec.RemoteHost, spec.RemotePort, localPort);
            var grant = await SessionFailureDoctor.RunAsync(
                workspace, container, context,
                () => _starter.RequestStartSessionAsync(container, document, parameters, reason, cancellationToken), cancellationToken);
            onSession(grant.SessionId);
            var target = spec.RemoteHost is null ? $"{container.Path}:{spec.RemotePort}" : $"{spec.RemoteText} via {container.Path}";
            context.Console.WriteLine($"forwarding 127.0.0.1:{localPort} -> {target} (session-manager-plugin)");
            runs.Add(RunAsync(grant, version, cancellationToken));
        }

        var statuses = await Task.WhenAll(runs);
        return statuses.FirstOrDefault(status => status != ExitCodes.Ok);
    }

    private async Task<int> RunAsync(SessionGrant grant, string? version, CancellationToken cancellationToken)
    {
        try
        {
            var credentials = await grant.Credentials.GetCredentialsAsync(cancellationToken);
            var ssm = workspace.Factory.Endpoints.Resolve(AwsServiceId.Ssm, grant.Container.Region).Url;
            return await _plugin.RunAsync(SessionManagerPlugin.For(grant, credentials, ssm, version), cancellationToken);
        }
        finally
        {
            using var timeout = new CancellationTokenSource(StartedSession.DisposeTimeout);
            if (await _starter.TerminateAsync(grant, timeout.Token) is { } error)
            {
                context.Diagnostics.MarkupLine($"[yellow]warning:[/] could not terminate session {Markup.Escape(grant.SessionId)}: {Markup.Escape(error.Message)}");
            }
        }
    }

    private static int FreeLocalPort()
    {
        // The plugin binds the port itself; this only picks one that is free now.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
