using System.CommandLine;
using System.Runtime.InteropServices;
using EcsOps.Cli.Commands;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Plugin;
using EcsOps.Runbooks.Exec;
using Spectre.Console;

namespace EcsOps.Cli;

/// <summary>
/// Builds the command tree, runs one invocation, and is the only place that turns a failure into a
/// message and an exit code: one line on stderr, the stack only with --debug.
/// </summary>
public static class EcsOpsApp
{
    /// <summary>The rendering width when stdout is not a terminal.</summary>
    private const int PipeWidth = 1024;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, ConsoleStandardStreams.Instance);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IStandardStreams streams)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(streams);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (streams.IsOutputRedirected)
        {
            // A pipe has no width; wrapping table rows at 80 columns would only break scripts.
            console.Profile.Width = PipeWidth;
        }

        var diagnostics = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        if (streams.IsErrorRedirected)
        {
            // Same for stderr: a warning or doctor line must stay one line in a log.
            diagnostics.Profile.Width = PipeWidth;
        }

        var debug = new Option<bool>("--debug") { Description = "Show stack traces and protocol details on errors", Recursive = true };
        var config = new Option<FileInfo?>("--config") { Description = "ecsops.yaml to use (else ECSOPS_CONFIG, then the nearest ecsops.yaml)", Recursive = true };
        var interrupts = new InterruptRouter();
        var context = new CliContext(console, diagnostics, streams, interrupts, config, debug);
        var root = new RootCommand("ecsops: reach ECS Fargate containers with IAM only")
        {
            SandboxCommand.Create(console),
            LsCommand.Create(context),
            ForwardCommand.Create(context),
            ExecCommand.Create(context),
            RunCommand.Create(context),
            RunbooksCommand.Create(context),
            CpCommand.Create(context),
            InspectCommand.Create(context),
            AuditCommand.Create(context),
            IamCommand.Create(context),
            DoctorCommand.Create(context),
            ServeCommand.Create(context),
            DbCommand.Create(context),
        };
        root.Options.Add(debug);
        root.Options.Add(config);

        var parse = root.Parse(PluginOption.NormalizeArguments(args));
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync("Run 'ecsops --help' for usage.");
            return ExitCodes.Usage;
        }

        using var cancel = new CancellationTokenSource();
        var exitOnCancel = ExitCodes.Interrupted;
        void Stop(PosixSignalContext signal, int exitCode)
        {
            signal.Cancel = true;
            if (signal.Signal == PosixSignal.SIGINT && interrupts.TryHandle())
            {
                return;
            }

            exitOnCancel = exitCode;
            cancel.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, ExitCodes.Interrupted));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, ExitCodes.Terminated));
        try
        {
            var configuration = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,

                // Our own SIGINT/SIGTERM handling above decides; System.CommandLine's would race it for the signal.
                ProcessTerminationTimeout = null,
                Output = output,
                Error = error,
            };
            var exitCode = await parse.InvokeAsync(configuration, cancel.Token);
            var stoppedInOrder = parse.CommandResult.Command is EcsOpsCommand { StopsOnSignal: true };
            return cancel.IsCancellationRequested && exitCode == ExitCodes.Ok && !stoppedInOrder ? exitOnCancel : exitCode;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return exitOnCancel;
        }
        catch (OutputClosedException)
        {
            // Our reader went away (`| head`): end quietly, as a process killed by SIGPIPE would.
            return ExitCodes.BrokenPipe;
        }
        catch (Exception ex)
        {
            var exitCode = ex is UserFacingException user
                ? user.ExitCode
                : (parse.CommandResult.Command as EcsOpsCommand)?.FailureExitCode ?? ExitCodes.Failed;
            await error.WriteLineAsync($"error: {ErrorDescriptions.Describe(ex)}");
            if (parse.GetValue(debug))
            {
                await error.WriteLineAsync(ex.ToString());
            }

            return exitCode;
        }
    }
}
