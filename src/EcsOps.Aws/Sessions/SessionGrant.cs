using EcsOps.Aws.Credentials;
using EcsOps.Aws.Discovery;

namespace EcsOps.Aws.Sessions;

/// <summary>
/// What ECS ExecuteCommand or SSM StartSession handed out for one session, before anything connects: the session id,
/// the StreamUrl and its one-time token, the SSM target, and the credentials it was requested with. Our own data channel
/// (<see cref="SessionStarter.ConnectAsync"/>) or the official session-manager-plugin connects with it.
/// </summary>
public sealed record SessionGrant
{
    public required SessionApi Api { get; init; }
    public required string SessionId { get; init; }
    public required string StreamUrl { get; init; }
    public required string TokenValue { get; init; }

    /// <summary>The SSM target, <c>ecs:cluster_task_runtime</c>.</summary>
    public required string Target { get; init; }

    public required DiscoveredContainer Container { get; init; }

    /// <summary>The credentials the session was requested with (the container account's role when it is not the caller's).</summary>
    public required IAwsCredentialsProvider Credentials { get; init; }

    /// <summary>The Session document of a StartSession; null for ECS Exec.</summary>
    public string? DocumentName { get; init; }

    /// <summary>The document parameters of a StartSession; null for ECS Exec.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Parameters { get; init; }

    /// <summary>The Reason of a StartSession; null when none was given.</summary>
    public string? Reason { get; init; }
}

/// <summary>Which API started a session.</summary>
public enum SessionApi
{
    /// <summary>ECS ExecuteCommand (document AmazonECS-ExecuteInteractiveCommand).</summary>
    EcsExecuteCommand,

    /// <summary>SSM StartSession with a Session document.</summary>
    SsmStartSession,
}
