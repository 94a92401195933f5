namespace EcsOps.Server.Engine;

/// <summary>Which stream a line of job output came from.</summary>
public enum OutputStream
{
    /// <summary>The command's standard output.</summary>
    Stdout,

    /// <summary>The command's standard error.</summary>
    Stderr,

    /// <summary>A message from the engine itself (target resolved, task started…).</summary>
    Info,
}
