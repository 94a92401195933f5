using System.CommandLine;
using EcsOps.Aws;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Config;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Sessions;
using EcsOps.Cli.Forwarding;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Plugin;
using EcsOps.Cli.Targeting;
using Spectre.Console;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops forward [SELECTOR] [LOCAL:]PORT | LOCAL:HOST:PORT ...</c>: local ports on 127.0.0.1 forwarded through a
/// running container, one Session Manager session per forward, many connections each, reconnecting by itself.
/// Prints <c>forwarding 127.0.0.1:&lt;port&gt; -&gt; &lt;target&gt;</c> per forward on stdout once it works, then
/// runs until Ctrl-C or SIGTERM. A named target with a port (<c>@db</c>) needs no forward on the command line. With
/// <c>--plugin</c> each forward is one session-manager-plugin process instead.
/// </summary>
public static class ForwardCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var words = new Argument<string[]>("forwards")
        {
            Description = "[SELECTOR] then [LOCAL:]PORT or LOCAL:HOST:PORT per forward (LOCAL 0 picks a free port)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var reason = ReasonOption.Create();
        var targets = new TargetOptions();
        var plugin = new PluginOption();
        var forward = new EcsOpsCommand("forward", "Forward local ports through a container (to the container or to a host it reaches)")
        {
            FailureExitCode = ExitCodes.EcsOpsError,
        };
        forward.Arguments.Add(words);
        forward.Options.Add(reason);
        forward.Options.Add(plugin.Option);
        targets.AddTo(forward);
        forward.SetAction(async (parse, cancellationToken) =>
        {
            var (selectorText, specTexts) = SplitSelector(parse.GetValue(words) ?? []);
            var pluginPath = plugin.Requested(parse) is { } requested ? PluginLocator.Locate(requested, Environment.GetEnvironmentVariable("PATH")) : null;
            using var workspace = WorkspaceFactory.Create(parse, context);
            var (container, alias) = await ContainerChooser.ChooseAsync(
                workspace, selectorText, targets.Flags(parse), parse.GetValue(targets.Refresh), context, ExitCodes.EcsOpsError, cancellationToken);
            var specs = Specs(specTexts, alias);
            var start = new AuditStart
            {
                Action = AuditActions.Forward,
                Command = string.Join(' ', specs.Select(s => $"{s.LocalPort}:{s.RemoteText}")),
                Target = AuditTarget.Of(container) with { RemoteHost = specs.Select(s => s.RemoteHost).FirstOrDefault(h => h is not null) },
                Reason = parse.GetValue(reason),
            };
            return await AuditScope.RunAsync(
                context,
                workspace,
                start,
                (run, ct) => pluginPath is not null
                    ? new PluginSessions(workspace, context, pluginPath).ForwardAsync(container, specs, run.SsmReason, ct)
                    : RunForwardsAsync(context, workspace, container, specs, run, ct),
                ExitCodes.EcsOpsError,
                cancellationToken);
        });
        return forward;
    }

    private static async Task<int> RunForwardsAsync(
        CliContext context, AwsWorkspace workspace, DiscoveredContainer container, IReadOnlyList<ForwardSpec> specs, AuditedRun run, CancellationToken cancellationToken)
    {
        var starter = SessionStarter.For(workspace);
        var forwards = new List<PortForward>();
        try
        {
            foreach (var spec in specs)
            {
                var started = await SessionFailureDoctor.RunAsync(
                    workspace, container, context, () => PortForward.StartAsync(starter, container, spec, run.SsmReason, Warn, cancellationToken), cancellationToken);
                forwards.Add(started);
                run.AddSession(started.SessionId);
                context.Console.WriteLine($"forwarding 127.0.0.1:{started.LocalEndPoint.Port} -> {started.Target}");
            }

            using var stopAll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var runs = forwards.Select(f => f.RunAsync(stopAll.Token)).ToList();
            var first = await Task.WhenAny(runs);
            await stopAll.CancelAsync();
            try
            {
                await Task.WhenAll(runs);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The others were stopped because one ended; that one's failure is reported below.
            }

            await first;
            return ExitCodes.Ok;
        }
        finally
        {
            foreach (var started in forwards)
            {
                var (sent, received) = started.BytesMoved;
                run.AddBytes(sent, received);
                await started.DisposeAsync();
            }
        }

        void Warn(string message) => AuditScope.Warn(context, message);
    }

    /// <summary>The first word is the selector unless it reads as a forward.</summary>
    private static (string? Selector, IReadOnlyList<string> Specs) SplitSelector(string[] words) =>
        words.Length > 0 && !ForwardSpec.TryParse(words[0], out _, out _) ? (words[0], words.Skip(1).ToList()) : (null, words);

    private static List<ForwardSpec> Specs(IReadOnlyList<string> texts, TargetAlias? alias)
    {
        if (texts.Count > 0)
        {
            return texts.Select(ForwardSpec.Parse).ToList();
        }

        if (alias?.RemotePort is { } port)
        {
            return [new ForwardSpec(alias.LocalPort ?? 0, alias.RemoteHost, port)];
        }

        throw new UserFacingException(
            "no forward given: write [LOCAL:]PORT or LOCAL:HOST:PORT after the selector, or use a named target with a port", ExitCodes.Usage);
    }
}
