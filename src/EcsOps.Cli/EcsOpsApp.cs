using System.CommandLine;
using System.Runtime.InteropServices;
using EcsOps.Cli.Commands;
using Spectre.Console;

namespace EcsOps.Cli;

/// <summary>
/// Builds the command tree, runs one invocation, and is the only place that turns a failure into a
/// message and an exit code: one line on stderr, the stack only with --debug.
/// </summary>
public static class EcsOpsApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var debug = new Option<bool>("--debug") { Description = "Show stack traces and protocol details on errors", Recursive = true };
        var root = new RootCommand("ecsops: reach ECS Fargate containers with IAM only")
        {
            SandboxCommand.Create(console),
        };
        root.Options.Add(debug);

        var parse = root.Parse(args);
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
        void Stop(PosixSignalContext context, int exitCode)
        {
            context.Cancel = true;
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
                Output = output,
                Error = error,
            };
            var exitCode = await parse.InvokeAsync(configuration, cancel.Token);
            return cancel.IsCancellationRequested && exitCode == ExitCodes.Ok ? exitOnCancel : exitCode;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return exitOnCancel;
        }
        catch (Exception ex)
        {
            var exitCode = ex is UserFacingException user ? user.ExitCode : ExitCodes.Failed;
            await error.WriteLineAsync($"error: {ex.Message}");
            if (parse.GetValue(debug))
            {
                await error.WriteLineAsync(ex.ToString());
            }

            return exitCode;
        }
    }
}
