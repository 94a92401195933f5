namespace EcsOps.Cli.Forwarding;

/// <summary>How one session of a forward ended.</summary>
/// <param name="Reason">Why, for messages: the service's channel_closed text or the failure.</param>
/// <param name="ConnectionsClosed">Local connections that were open and were closed with the session (at most 1 in basic mode).</param>
/// <param name="Lifetime">How long the session served.</param>
public sealed record ForwardSessionEnd(string Reason, int ConnectionsClosed, TimeSpan Lifetime);
