using EcsOps.Aws;
using EcsOps.Aws.Audit;

namespace EcsOps.Cli.Hosting;

/// <summary>
/// Where a CLI command meets the audit trail, in one call: the start event is stored before the action runs (or the
/// action does not run, and the user gets one line and <c>failureExitCode</c>), the end event records how it ended,
/// and a failed end event is a warning on stderr that keeps the command's own exit code.
/// <code>
/// return await AuditScope.RunAsync(context, workspace, new AuditStart { Action = AuditActions.Run, ... },
///     async (run, ct) => { /* pass run.SsmReason / run.StartedBy / run.Tags to AWS */ return exitCode; },
///     ExitCodes.Failed, cancellationToken);
/// </code>
/// </summary>
public static class AuditScope
{
    /// <summary>How long the end event may take once the action is over (Ctrl-C included).</summary>
    private static readonly TimeSpan s_endTimeout = TimeSpan.FromSeconds(30);

    /// <param name="failureExitCode">Exit code when the start event cannot be stored (255 for exec-like commands).</param>
    /// <returns>What <paramref name="action"/> returned.</returns>
    /// <exception cref="UserFacingException">The start event was not stored; the action did not run.</exception>
    public static async Task<int> RunAsync(
        CliContext context,
        AwsWorkspace workspace,
        AuditStart start,
        Func<AuditedRun, CancellationToken, Task<int>> action,
        int failureExitCode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(action);
        var trail = AuditTrailFactory.Create(workspace, "cli", message => Warn(context, message));
        AuditedRun run;
        try
        {
            run = await trail.BeginAsync(start, cancellationToken);
        }
        catch (AuditUnavailableException error)
        {
            throw new UserFacingException($"{start.Action} did not run: {error.Message}", failureExitCode, error);
        }

        int exitCode;
        try
        {
            exitCode = await action(run, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await EndAsync(context, run, AuditOutcome.Interrupted());
            throw;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            var code = error is UserFacingException user ? user.ExitCode : failureExitCode;
            await EndAsync(context, run, AuditOutcome.Failed(ErrorDescriptions.Describe(error), code));
            throw;
        }

        await EndAsync(context, run, AuditOutcome.FromExitCode(exitCode));
        return exitCode;
    }

    private static async Task EndAsync(CliContext context, AuditedRun run, AuditOutcome outcome)
    {
        using var timeout = new CancellationTokenSource(s_endTimeout);
        try
        {
            await run.EndAsync(outcome, timeout.Token);
        }
        catch (Exception error) when (error is AuditUnavailableException or OperationCanceledException)
        {
            Warn(context, $"audit: the end of run {run.RunId} was not recorded: {error.Message}");
        }
    }

    /// <summary>A warning on stderr, one line however long (like the <c>error:</c> lines), so scripts can grep it.</summary>
    public static void Warn(CliContext context, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        context.Diagnostics.Profile.Out.Writer.WriteLine("warning: " + message.ReplaceLineEndings(" "));
    }
}
