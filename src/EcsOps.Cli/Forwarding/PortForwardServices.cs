using EcsOps.Aws.Discovery;
using EcsOps.Aws.Sessions;

namespace EcsOps.Cli.Forwarding;

/// <summary>What every forward of one <c>ecsops forward</c> run shares.</summary>
/// <param name="Starter">Starts the sessions.</param>
/// <param name="Replacements">Looks a container up again when its task may be gone.</param>
/// <param name="Reason">The SSM session reason, carrying the run id.</param>
/// <param name="Warn">Prints one line on stderr (a session ended, a destination refused, a forward stopped).</param>
/// <param name="SessionStarted">Told the id of every session a forward starts (for the audit trail).</param>
/// <param name="Policy">Which failures are retried, and the waits between attempts.</param>
/// <param name="TimeProvider">The clock for waits and session lifetimes.</param>
public sealed record PortForwardServices(
    SessionStarter Starter,
    ContainerReplacementFinder Replacements,
    string Reason,
    Action<string> Warn,
    Action<string> SessionStarted,
    SessionRestartPolicy Policy,
    TimeProvider TimeProvider);
