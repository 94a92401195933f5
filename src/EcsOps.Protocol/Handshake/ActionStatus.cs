namespace EcsOps.Protocol.Handshake;

/// <summary>
/// <c>ActionStatus</c> of a processed action (fact sheet §5.3). The agent treats anything but
/// <see cref="Success"/> as fatal, including the 0 the plugin wrongly sends for unknown actions.
/// </summary>
public enum ActionStatus
{
    Success = 1,
    Failed = 2,
    Unsupported = 3,
}
