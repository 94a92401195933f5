using EcsOps.Aws;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Doctor;
using EcsOps.Aws.Http;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;
using Spectre.Console;

namespace EcsOps.Cli.Targeting;

/// <summary>
/// Runs a session start (or a whole command whose sessions start inside it: db backup and restore, cp) and, when it
/// fails with TargetNotConnected, the doctor's short report on stderr before the error goes on to be printed: the
/// checks that found something, with their fixes. A doctor that cannot run itself only says so; the session's error
/// stays the one reported.
/// </summary>
public static class SessionFailureDoctor
{
    public static async Task<T> RunAsync<T>(
        AwsWorkspace workspace, DiscoveredContainer container, CliContext context, Func<Task<T>> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(start);
        try
        {
            return await start();
        }
        catch (TargetNotConnectedException)
        {
            await DiagnoseAsync(workspace, container, context, cancellationToken);
            throw;
        }
    }

    /// <summary>For a command that carries on without its session (inspect): the short report when the session failed with TargetNotConnected.</summary>
    public static Task ExplainAsync(
        AwsWorkspace workspace, DiscoveredContainer container, CliContext context, Exception sessionFailure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(context);
        return sessionFailure is TargetNotConnectedException ? DiagnoseAsync(workspace, container, context, cancellationToken) : Task.CompletedTask;
    }

    private static async Task DiagnoseAsync(AwsWorkspace workspace, DiscoveredContainer container, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            var report = await ExecDoctor.For(workspace).DiagnoseAsync(container, cancellationToken);
            DoctorReportText.WriteProblems(context.Diagnostics, report);
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
        {
            context.Diagnostics.MarkupLine($"[yellow]warning:[/] doctor could not run: {Markup.Escape(ErrorDescriptions.Describe(error))}");
        }
    }
}
