namespace EcsOps.Protocol.Sessions;

/// <summary>The <c>sessionType</c> values of Session documents (fact sheet §1.4).</summary>
public static class SessionType
{
    public const string StandardStream = "Standard_Stream";
    public const string InteractiveCommands = "InteractiveCommands";
    public const string NonInteractiveCommands = "NonInteractiveCommands";
    public const string Port = "Port";

    /// <summary>Whether this client can run a session of <paramref name="sessionType"/> (exact, case-sensitive).</summary>
    public static bool IsKnown(string? sessionType) =>
        sessionType is StandardStream or InteractiveCommands or NonInteractiveCommands or Port;
}
