namespace EcsOps.Cli;

/// <summary>
/// A failure the user can act on. Program prints it as one line,
/// <c>error: &lt;what failed&gt;: &lt;why&gt;. &lt;what to do&gt;</c>, and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class UserFacingException : Exception
{
    public UserFacingException(string message, int exitCode = ExitCodes.Failed, Exception? inner = null)
        : base(message, inner) => ExitCode = exitCode;

    public UserFacingException() : this("failed") { }

    public UserFacingException(string message) : this(message, ExitCodes.Failed) { }

    public UserFacingException(string message, Exception inner) : this(message, ExitCodes.Failed, inner) { }

    public int ExitCode { get; }
}
