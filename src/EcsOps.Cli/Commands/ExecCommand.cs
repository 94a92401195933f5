using System.CommandLine;
using EcsOps.Aws.Sessions;
using EcsOps.Cli.Exec;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Targeting;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops exec [SELECTOR] [target flags] -- CMD [ARGS...]</c>: runs one command in a running container with its
/// real exit status, stdout and stderr kept apart and binary-safe, stdin passed through. Without a command it opens
/// an interactive shell. Failures of ecsops itself exit 255, as ssh does.
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
        var exec = new EcsOpsCommand("exec", "Run a command in a container (real exit code, binary-safe), or open a shell")
        {
            FailureExitCode = ExitCodes.EcsOpsError,
        };
        exec.Arguments.Add(selector);
        exec.Arguments.Add(command);
        exec.Options.Add(shell);
        targets.AddTo(exec);
        exec.SetAction(async (parse, cancellationToken) =>
        {
            var (selectorText, argv) = ExecArguments.Split(parse, selector, command);
            using var workspace = WorkspaceFactory.Create(parse, context);
            var (container, _) = await ContainerChooser.ChooseAsync(
                workspace, selectorText, targets.Flags(parse), parse.GetValue(targets.Refresh), context, ExitCodes.EcsOpsError, cancellationToken);
            ContainerChooser.RequireExecReady(container, ExitCodes.EcsOpsError);
            var starter = SessionStarter.For(workspace);
            if (argv.Count == 0)
            {
                await using var shellSession = await starter.ExecuteCommandAsync(container, parse.GetValue(shell)!, cancellationToken);
                return await new InteractiveShellRunner(context.Streams, context.Interrupts).RunAsync(shellSession, cancellationToken);
            }

            await using var stdout = context.Streams.OpenStandardOutput();
            await using var stderr = context.Streams.OpenStandardError();
            await using var stdin = context.Streams.IsInputRedirected ? context.Streams.OpenStandardInput() : null;
            return await new ContainerCommandExecutor(starter, context.Interrupts)
                .RunAsync(container, argv, new ExecStreams(stdin, stdout, stderr), cancellationToken);
        });
        return exec;
    }
}
