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
/// runs until Ctrl-C or SIGTERM. A named target with a port (<c>@db</c>) needs no forward on the command line.
/// Every local port is bound before any session starts; a port that is taken, or a first session that cannot start,
/// fails the run (exit 255) with nothing left listening. After that each forward is on its own: when its session ends
/// it starts a new one (one line on stderr), and it stops only on a failure retrying cannot cure, while the others go
/// on; the run fails once every forward has stopped.
/// With <c>--plugin</c> each forward is one session-manager-plugin process instead.
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
            var pluginPath = plugin.Locate(parse);
            using var workspace = WorkspaceFactory.Create(parse, context);
            var (container, alias) = await ContainerChooser.ChooseAsync(
                workspace, parse, targets, selectorText, context, ExitCodes.EcsOpsError, cancellationToken);
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
                    ? new PluginSessions(workspace, context, pluginPath).ForwardAsync(container, specs, run.SsmReason, run.AddSession, ct)
                    : RunForwardsAsync(context, workspace, container, specs, run, ct),
                ExitCodes.EcsOpsError,
                cancellationToken);
        });
        return forward;
    }

    private static async Task<int> RunForwardsAsync(
        CliContext context, AwsWorkspace workspace, DiscoveredContainer container, IReadOnlyList<ForwardSpec> specs, AuditedRun run, CancellationToken cancellationToken)
    {
        var services = new PortForwardServices(
            SessionStarter.For(workspace),
            new ContainerReplacementFinder(workspace.Discovery),
            run.SsmReason,
            Warn,
            run.AddSession,
            SessionRestartPolicy.Default,
            TimeProvider.System);
        var forwards = new List<PortForward>();
        try
        {
            // Every port first, so a taken one fails the run before any session starts.
            forwards.AddRange(specs.Select(spec => PortForward.Bind(spec, container, services)));
            foreach (var started in forwards)
            {
                await SessionFailureDoctor.RunAsync(workspace, container, context, async () =>
                {
                    await started.StartAsync(cancellationToken);
                    return started;
                }, cancellationToken);
                context.Console.WriteLine($"forwarding 127.0.0.1:{started.LocalEndPoint.Port} -> {started.Target}");
            }

            await RunAllAsync(forwards, Warn, cancellationToken);
            return ExitCodes.Ok;
        }
        finally
        {
            foreach (var started in forwards)
            {
                await started.DisposeAsync();
                var (sent, received) = started.BytesMoved;
                run.AddBytes(sent, received);
            }
        }

        void Warn(string message) => AuditScope.Warn(context, message);
    }

    /// <summary>Each forward runs on its own; one that stops is reported while the others go on, and the run fails with the last.</summary>
    private static async Task RunAllAsync(List<PortForward> forwards, Action<string> warn, CancellationToken cancellationToken)
    {
        using var stopAll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = forwards.ToDictionary(f => f.RunAsync(stopAll.Token), f => f);
        try
        {
            while (running.Count > 0)
            {
                var done = await Task.WhenAny(running.Keys);
                var stopped = running[done];
                running.Remove(done);
                var reason = await done;
                if (running.Count == 0)
                {
                    throw new UserFacingException($"{stopped.Name} stopped: {ErrorDescriptions.Describe(reason)}", ExitCodes.EcsOpsError, reason);
                }

                warn($"{stopped.Name} stopped: {ErrorDescriptions.Describe(reason)}; the other forwards keep running");
            }
        }
        finally
        {
            await stopAll.CancelAsync();
            await Task.WhenAll(running.Keys.Select(IgnoreEndAsync));
        }
    }

    private static async Task IgnoreEndAsync(Task run)
    {
        try
        {
            await run;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Stopped because the run is ending; what ended it is reported by the caller.
        }
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
