namespace EcsOps.Runbooks.Running;

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>The command ran to its end; the exit code is its own.</summary>
    Completed,

    /// <summary>The run's timeout passed and it was stopped (exit code <see cref="RunResult.TimedOutExitCode"/>).</summary>
    TimedOut,

    /// <summary>The operator interrupted it (Ctrl-C) and it was stopped (exit code <see cref="RunResult.InterruptedExitCode"/>).</summary>
    Interrupted,
}
