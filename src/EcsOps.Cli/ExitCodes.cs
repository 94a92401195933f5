namespace EcsOps.Cli;

/// <summary>
/// Process exit codes. `exec` and `run` pass the remote status through; when ecsops itself fails during
/// `exec` it exits 255, as ssh(1) does, so a script can tell "the command failed" from "we never ran it".
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>EX_TEMPFAIL (sysexits.h): <c>run</c> found its runbook's lock scope held by another run; try again later.</summary>
    public const int Locked = 75;

    /// <summary>EX_NOPERM (sysexits.h): <c>run</c> refused a runbook that needs a second person's approval.</summary>
    public const int ApprovalRequired = 77;

    /// <summary>A run stopped by its timeout, as timeout(1) exits.</summary>
    public const int TimedOut = 124;

    public const int Interrupted = 130;

    /// <summary>128 + SIGPIPE: the reader of our output went away.</summary>
    public const int BrokenPipe = 141;
    public const int Terminated = 143;
    public const int EcsOpsError = 255;
}
