using EcsOps.Aws.Discovery;
using EcsOps.Aws.Sessions;

namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Runs commands (argv) in one container, each over its own ECS Exec session through <see cref="ExecWrapper"/>:
/// the remote exit status comes back, stdout and stderr stay apart and binary-safe. What cp and inspect build on.
/// </summary>
public sealed class ContainerCommandRunner(SessionStarter starter, DiscoveredContainer container, IInterruptSource? interrupts = null)
{
    public DiscoveredContainer Container => container;

    /// <summary>Runs <paramref name="argv"/> with the given streams and returns its exit status.</summary>
    /// <exception cref="ExecSessionException">The command could not report its result.</exception>
    public async Task<int> RunAsync(IReadOnlyList<string> argv, ExecStreams streams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(argv);
        ArgumentNullException.ThrowIfNull(streams);
        var wrapped = ExecWrapper.Wrap(argv);
        await using var session = await starter.ExecuteCommandAsync(container, wrapped.Command, cancellationToken);
        return await new WrappedCommandRunner(streams, interrupts).RunAsync(session, wrapped, cancellationToken);
    }

    /// <summary>
    /// Runs a <c>sh -c</c> script with positional arguments (<c>$1</c>…), no input, and collects what it prints:
    /// for short answers, up to <paramref name="maxOutputBytes"/> per stream (the rest is counted, not kept).
    /// </summary>
    public async Task<CapturedCommand> RunScriptAsync(
        string script, IReadOnlyList<string> arguments, int maxOutputBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(arguments);
        using var output = new CaptureStream(maxOutputBytes);
        using var error = new CaptureStream(maxOutputBytes);
        var status = await RunAsync(ShellScript(script, arguments), new ExecStreams(null, output, error), cancellationToken);
        return new CapturedCommand(status, output.ToCapture(), error.ToCapture());
    }

    /// <summary>The argv running <paramref name="script"/> under <c>sh -c</c> with <paramref name="arguments"/> as $1….</summary>
    public static IReadOnlyList<string> ShellScript(string script, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(arguments);

        // The word after the script is $0, which shells use in their own error messages.
        return ["sh", "-c", script, "ecsops", .. arguments];
    }
}
