using EcsOps.Aws;
using EcsOps.Aws.Sessions;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Running;

/// <summary>
/// Runs a plan in its container over ECS Exec: the argv wrapped by <see cref="ExecWrapper"/> (each element
/// shell-quoted, secret values typed on the session's terminal instead of being in the request), stdout and stderr streamed as they come, the remote exit code returned. At the timeout the session
/// is closed, which ends the command (its PTY hangs up).
/// </summary>
internal sealed class ExecModeRunner(AwsWorkspace workspace, TimeProvider timeProvider)
{
    /// <summary>
    /// The longest wrapped command sent: the agent passes it to the container as one argument, and Linux refuses single
    /// arguments over 128 KiB.
    /// </summary>
    public const int MaxWrappedCommandLength = 120 * 1024;

    public async Task<(int ExitCode, RunOutcome Outcome)> RunAsync(RunPlan plan, RunStreams streams, CancellationToken cancellationToken)
    {
        var wrapped = ExecWrapper.Wrap(plan.Command.Protected);
        if (wrapped.Command.Length > MaxWrappedCommandLength)
        {
            throw new RunException(
                $"the command of runbook {plan.Runbook.Name} is too long for ECS Exec ({wrapped.Command.Length} characters once wrapped, "
                + $"at most {MaxWrappedCommandLength}); use mode: task, which stages long commands in S3");
        }

        using var timeout = new CancellationTokenSource(plan.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await using var session = await SessionStarter.For(workspace).ExecuteCommandAsync(plan.Target, wrapped.Command, linked.Token);
            var runner = new WrappedCommandRunner(new ExecStreams(streams.Input, streams.Output, streams.Error), streams.Interrupts);
            var exitCode = await runner.RunAsync(session, wrapped, linked.Token);
            return (exitCode, RunOutcome.Completed);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            streams.Progress?.Invoke($"run {plan.RunId} timed out after {Durations.Format(plan.Timeout)}; the exec session was closed");
            return (RunResult.TimedOutExitCode, RunOutcome.TimedOut);
        }
    }
}
