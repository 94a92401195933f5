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
    public const int Interrupted = 130;

    /// <summary>128 + SIGPIPE: the reader of our output went away.</summary>
    public const int BrokenPipe = 141;
    public const int Terminated = 143;
    public const int EcsOpsError = 255;
}
