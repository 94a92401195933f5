using System.CommandLine;
using EcsOps.Cli.Hosting;
using EcsOps.Server.Hosting;
using Spectre.Console;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops serve [--port N]</c>: the ChatOps and ticket service (Slack slash command and approvals, signed ticket
/// webhook, job queue, web page) for the runbooks of ecsops.yaml, configured by its <c>server:</c> section. Runs until
/// SIGINT or SIGTERM; running jobs get <c>server.shutdownGrace</c> to finish, and it exits 0 when it stopped in order,
/// 1 when it did not. See docs/server.md.
/// </summary>
public static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var port = new Option<int?>("--port") { Description = "Port to listen on (0 picks a free one); server.listen, else 8080, when absent" };
        port.Validators.Add(result =>
        {
            if (result.GetValue(port) is { } value && value is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535");
            }
        });
        var serve = new EcsOpsCommand("serve", "Run the Slack/webhook service that runs runbooks, with approvals, a job queue and a web page")
        {
            StopsOnSignal = true,
        };
        serve.Options.Add(port);
        serve.SetAction(async (parse, cancellationToken) =>
        {
            var config = WorkspaceFactory.LoadConfig(parse, context);
            using var workspace = WorkspaceFactory.Create(config);
            await using var host = await ServiceStartup.StartAsync(
                workspace, parse.GetValue(port), Environment.CurrentDirectory,
                message => AuditScope.Warn(context, message), cancellationToken);
            context.Console.MarkupLine($"ecsops serve listening on [green]{Markup.Escape(host.Endpoint.ToString())}[/] (jobs in {Markup.Escape(host.StoreDescription)})");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                context.Diagnostics.MarkupLine("ecsops serve stopping");
            }

            // Throws ServerShutdownException (exit 1) when runs outlived the grace or a part failed to stop.
            await host.StopAsync();
            context.Diagnostics.MarkupLine("ecsops serve stopped");
            return ExitCodes.Ok;
        });
        return serve;
    }
}
