using System.CommandLine;
using EcsOps.Aws;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Sessions;
using EcsOps.Cli.Exec;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Plugin;
using EcsOps.Cli.Targeting;
using EcsOps.Runbooks;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops exec [SELECTOR] [target flags] -- CMD [ARGS...]</c>: runs one command in a running container with its
/// real exit status, stdout and stderr kept apart and binary-safe, stdin passed through. Without a command it opens
/// an interactive shell (recorded when <c>audit.transcripts</c> is set). Both are audited; failures of ecsops itself,
/// an audit trail that cannot record the start included, exit 255, as ssh does. With <c>--plugin</c> the session goes to
/// AWS's session-manager-plugin instead (no exit status or binary safety then; see docs/cli.md).
/// </summary>
public static class ExecCommand
{
    /// <summary>The interactive shell when --shell is not given; every image with a shell has it.</summary>
    public const string DefaultShell = "/bin/sh";

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var selector = SelectorArgument.Create();
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
        var tty = new Option<bool>("--tty", "-t")
        {
            Description = "Run the command in an interactive terminal (keys, Ctrl-C, resize, as ssh -t); its exit status still comes back",
        };
        var reason = ReasonOption.Create();
        var targets = new TargetOptions();
        var plugin = new PluginOption();
        var exec = new EcsOpsCommand("exec", "Run a command in a container (real exit code, binary-safe), or open a shell")
        {
            FailureExitCode = ExitCodes.EcsOpsError,
        };
        exec.Arguments.Add(selector);
        exec.Arguments.Add(command);
        exec.Options.Add(shell);
        exec.Options.Add(tty);
        exec.Options.Add(reason);
        exec.Options.Add(plugin.Option);
        targets.AddTo(exec);
        exec.SetAction(async (parse, cancellationToken) =>
        {
            var (selectorText, argv) = ExecArguments.Split(parse, selector, command);
            var pluginPath = plugin.Locate(parse);
            using var workspace = WorkspaceFactory.Create(parse, context);
            var (container, _) = await ContainerChooser.ChooseAsync(
                workspace, parse, targets, selectorText, context, ExitCodes.EcsOpsError, cancellationToken);
            ContainerChooser.EnsureExecReady(container, ExitCodes.EcsOpsError);
            var shellCommand = parse.GetValue(shell)!;
            var start = new AuditStart
            {
                Action = argv.Count == 0 ? AuditActions.Shell : AuditActions.Exec,
                Command = argv.Count == 0 ? shellCommand : CommandText(argv),
                Target = AuditTarget.Of(container),
                Reason = parse.GetValue(reason),
            };
            return await AuditScope.RunAsync(
                context,
                workspace,
                start,
                (run, ct) => pluginPath is not null
                    ? RunWithPluginAsync(context, workspace, container, pluginPath, argv.Count == 0 ? shellCommand : ExecWrapper.Unframed(argv), run, ct)
                    : argv.Count == 0
                    ? RunShellAsync(context, workspace, container, shellCommand, shellCommand, status: null, run, ct)
                    : parse.GetValue(tty)
                    ? RunInTerminalAsync(context, workspace, container, argv, run, ct)
                    : RunCommandAsync(context, workspace, container, argv, run, ct),
                ExitCodes.EcsOpsError,
                cancellationToken);
        });
        return exec;
    }

    /// <summary><c>exec -t -- CMD</c>: the command on the terminal as a shell would be, its status read from the output.</summary>
    private static Task<int> RunInTerminalAsync(
        CliContext context, AwsWorkspace workspace, DiscoveredContainer container, IReadOnlyList<string> argv, AuditedRun run, CancellationToken cancellationToken)
    {
        var wrapped = TerminalCommand.Wrap(argv).WithMarker(run.StartedBy);
        return RunShellAsync(
            context, workspace, container, wrapped.Command, CommandText(argv), new TerminalStatusFilter(wrapped.Nonce), run, cancellationToken);
    }

    /// <summary>
    /// A terminal session running <paramref name="sessionCommand"/> (recorded, when transcripts are on, under
    /// <paramref name="shownCommand"/>).
    /// </summary>
    private static async Task<int> RunShellAsync(
        CliContext context, AwsWorkspace workspace, DiscoveredContainer container, string sessionCommand, string shownCommand,
        TerminalStatusFilter? status, AuditedRun run, CancellationToken cancellationToken)
    {
        await using var transcript = await ShellTranscript.StartAsync(
            context, workspace, run, $"ecsops exec {container.Path} (run {run.RunId})", shownCommand, InteractiveShellRunner.CurrentTerminalSize(), cancellationToken);
        await using var session = await SessionFailureDoctor.RunAsync(
            workspace, container, context, () => SessionStarter.For(workspace).ExecuteCommandAsync(container, sessionCommand, cancellationToken), cancellationToken);
        run.AddSession(session.SessionId);
        var runner = new InteractiveShellRunner(context.Streams, context.Interrupts, transcript?.Recorder, status);
        try
        {
            return await runner.RunAsync(session, cancellationToken);
        }
        finally
        {
            run.AddBytes(runner.BytesSent, runner.BytesReceived);
        }
    }

    private static async Task<int> RunCommandAsync(
        CliContext context, AwsWorkspace workspace, DiscoveredContainer container, IReadOnlyList<string> argv, AuditedRun run, CancellationToken cancellationToken)
    {
        var wrapped = ExecWrapper.Wrap(argv).WithMarker(run.StartedBy);
        await using var session = await SessionFailureDoctor.RunAsync(
            workspace, container, context, () => SessionStarter.For(workspace).ExecuteCommandAsync(container, wrapped.Command, cancellationToken), cancellationToken);
        run.AddSession(session.SessionId);
        await using var stdout = context.Streams.OpenStandardOutput();
        await using var stderr = context.Streams.OpenStandardError();
        await using var stdin = context.Streams.IsInputRedirected ? context.Streams.OpenStandardInput() : null;
        var runner = new WrappedCommandRunner(new ExecStreams(stdin, stdout, stderr), context.Interrupts);
        try
        {
            return await runner.RunAsync(session, wrapped, cancellationToken);
        }
        finally
        {
            run.AddBytes(runner.BytesIn, runner.BytesOut);
        }
    }

    /// <summary>
    /// The session handed to the session-manager-plugin: the PTY shown as it is, so the command runs unframed and the
    /// exit status is the plugin's.
    /// </summary>
    private static Task<int> RunWithPluginAsync(
        CliContext context, AwsWorkspace workspace, DiscoveredContainer container, string pluginPath, string command, AuditedRun run,
        CancellationToken cancellationToken) =>
        new PluginSessions(workspace, context, pluginPath).ExecAsync(container, command, run.AddSession, cancellationToken);

    /// <summary>The command as one would type it: words quoted only where the shell needs it.</summary>
    private static string CommandText(IReadOnlyList<string> argv) =>
        string.Join(' ', argv.Select(word => word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_./:=@%+,-".Contains(c, StringComparison.Ordinal))
            ? word
            : ShellQuoting.Quote(word)));
}
