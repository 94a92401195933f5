using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Agent;

/// <summary>
/// What the agent runs for a session, read from its document and parameters (fact sheet §1.4): the
/// session type, the argv (empty for the container's shell), whether a PTY is used, the port properties,
/// and the KMS key that encrypts it.
/// </summary>
public sealed record SessionPlan
{
    /// <summary>One of <see cref="Protocol.Sessions.SessionType"/>'s values.</summary>
    public required string SessionType { get; init; }

    /// <summary>The process to start; empty for Standard_Stream (the container's shell). Unused for Port.</summary>
    public IReadOnlyList<string> Argv { get; init; } = [];

    /// <summary>NonInteractiveCommands: stdout as Output, stderr as StdErr, then ExitCode (fact sheet §6.2).</summary>
    public bool SeparateOutputStream { get; init; }

    /// <summary>Port sessions: what goes into the HandshakeRequest and where to dial.</summary>
    public PortSessionProperties? Port { get; init; }

    /// <summary>The KMS key of the session (cluster's ECS Exec configuration or the Session Manager preferences), or null.</summary>
    public string? KmsKeyId { get; init; }

    public bool UsesPty => SessionType is Protocol.Sessions.SessionType.StandardStream or Protocol.Sessions.SessionType.InteractiveCommands;

    /// <summary>Reads the plan of <paramref name="session"/>.</summary>
    /// <param name="clusterKmsKeyId">The kmsKeyId of the target cluster's executeCommandConfiguration (ECS Exec).</param>
    /// <param name="preferencesKmsKeyId">The kmsKeyId of the Session Manager preferences (StartSession shells and commands).</param>
    /// <exception cref="FormatException">The command cannot be split into arguments.</exception>
    /// <exception cref="ArgumentException">The document is not one the agent runs.</exception>
    public static SessionPlan For(SessionRecord session, string? clusterKmsKeyId, string? preferencesKmsKeyId)
    {
        ArgumentNullException.ThrowIfNull(session);
        string? Parameter(string name) => session.Parameters.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
        IReadOnlyList<string> Command() => CommandArguments.Split(Parameter("command") ?? "");

        return SessionDocuments.NameOf(session.DocumentName) switch
        {
            EcsApi.ExecuteCommandDocument => new SessionPlan
            {
                SessionType = Protocol.Sessions.SessionType.InteractiveCommands,
                Argv = Command(),
                KmsKeyId = clusterKmsKeyId,
            },
            SessionDocuments.DefaultShell => new SessionPlan
            {
                SessionType = Protocol.Sessions.SessionType.StandardStream,
                KmsKeyId = preferencesKmsKeyId,
            },
            SessionDocuments.InteractiveCommand => new SessionPlan
            {
                SessionType = Protocol.Sessions.SessionType.InteractiveCommands,
                Argv = Command(),
                KmsKeyId = preferencesKmsKeyId,
            },
            SessionDocuments.NonInteractiveCommand => new SessionPlan
            {
                SessionType = Protocol.Sessions.SessionType.NonInteractiveCommands,
                Argv = Command(),
                SeparateOutputStream = string.Equals(Parameter("separateOutputStream"), "true", StringComparison.OrdinalIgnoreCase),
                KmsKeyId = preferencesKmsKeyId,
            },

            // KMS is never enabled for Port sessions (fact sheet §5.1).
            SessionDocuments.PortForwarding => new SessionPlan
            {
                SessionType = Protocol.Sessions.SessionType.Port,
                Port = new PortSessionProperties(
                    Parameter("portNumber") ?? "80", PortForwardingModeSelector.LocalPortForwardingType, Parameter("localPortNumber") ?? "0"),
            },
            SessionDocuments.PortForwardingToRemoteHost => new SessionPlan
            {
                SessionType = Protocol.Sessions.SessionType.Port,
                Port = new PortSessionProperties(
                    Parameter("portNumber") ?? "80", PortForwardingModeSelector.LocalPortForwardingType, Parameter("localPortNumber") ?? "0",
                    Parameter("host")),
            },
            var other => throw new ArgumentException($"the agent does not run document {other}", nameof(session)),
        };
    }
}
