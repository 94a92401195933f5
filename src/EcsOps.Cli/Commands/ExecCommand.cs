using System.CommandLine;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Sessions;
using EcsOps.Cli.Exec;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Plugin;
using EcsOps.Cli.Targeting;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops exec [SELECTOR] [target flags] -- CMD [ARGS...]</c>: runs one command in a running container with its
/// real exit status, stdout and stderr kept apart and binary-safe, stdin passed through. Without a command it opens
/// an interactive shell. Failures of ecsops itself exit 255, as ssh does. With <c>--plugin</c> the session goes to
/// AWS's session-manager-plugin instead (no exit status or binary safety then; see docs/cli.md).
/// </summary>
public static class ExecCommand
{
    /// <summary>The interactive shell when --shell is not given; every image with a shell has it.</summary>
    public const string DefaultShell = "/bin/sh";

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var selector = new Argument<string?>("selector")
        {
            Description = "[account/][region/]cluster[/service][/container], globs allowed, or a named target",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Argument<string[]>("command")
        {
            Description = "The command and its arguments, after '--'; none opens an interactive shell",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var shell = new Option<string>("--shell")
        {
            Description = "What runs for an interactive session (ECS splits it on spaces)",
            DefaultValueFactory = _ => DefaultShell,
        };
        var targets = new TargetOptions();
        var plugin = new PluginOption();
        var exec = new EcsOpsCommand("exec", "Run a command in a container (real exit code, binary-safe), or open a shell")
        {
            FailureExitCode = ExitCodes.EcsOpsError,
        };
        exec.Arguments.Add(selector);
        exec.Arguments.Add(command);
        exec.Options.Add(shell);
        exec.Options.Add(plugin.Option);
        targets.AddTo(exec);
        exec.SetAction(async (parse, cancellationToken) =>
        {
            var (selectorText, argv) = ExecArguments.Split(parse, selector, command);
            var pluginPath = plugin.Requested(parse) is { } requested ? PluginLocator.Locate(requested, Environment.GetEnvironmentVariable("PATH")) : null;
            using var workspace = WorkspaceFactory.Create(parse, context);
            var (container, _) = await ContainerChooser.ChooseAsync(
                workspace, selectorText, targets.Flags(parse), parse.GetValue(targets.Refresh), context, ExitCodes.EcsOpsError, cancellationToken);
            EnsureExecReady(container);
            if (pluginPath is not null)
            {
                // The plugin shows the PTY as it is: the command runs unframed, and the exit status is the plugin's.
                var pluginCommand = argv.Count == 0 ? parse.GetValue(shell)! : ExecWrapper.Unframed(argv);
                return await new PluginSessions(workspace, context, pluginPath).ExecAsync(container, pluginCommand, cancellationToken);
            }

            var starter = SessionStarter.For(workspace);
            if (argv.Count == 0)
            {
                await using var shellSession = await SessionFailureDoctor.RunAsync(
                    workspace, container, context, () => starter.ExecuteCommandAsync(container, parse.GetValue(shell)!, cancellationToken), cancellationToken);
                return await new InteractiveShellRunner(context.Streams, context.Interrupts).RunAsync(shellSession, cancellationToken);
            }

            var wrapped = ExecWrapper.Wrap(argv);
            await using var session = await SessionFailureDoctor.RunAsync(
                workspace, container, context, () => starter.ExecuteCommandAsync(container, wrapped.Command, cancellationToken), cancellationToken);
            return await new WrappedCommandRunner(context.Streams, context.Interrupts).RunAsync(session, wrapped, cancellationToken);
        });
        return exec;
    }

    /// <summary>Refuses early, with the reasons, when DescribeTasks already shows ECS Exec cannot work.</summary>
    private static void EnsureExecReady(DiscoveredContainer container)
    {
        var readiness = container.Readiness;
        if (!readiness.IsReady)
        {
            throw new UserFacingException(
                $"cannot exec into {container.Path} (task {container.TaskId}): {string.Join("; ", readiness.Problems)}.",
                ExitCodes.EcsOpsError);
        }
    }
}
