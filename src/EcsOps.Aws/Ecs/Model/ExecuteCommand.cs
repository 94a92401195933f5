namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>ExecuteCommand</c> input; only interactive sessions exist.</summary>
public sealed record ExecuteCommandRequest
{
    public string? Cluster { get; init; }

    /// <summary>Required when the task has more than one container.</summary>
    public string? Container { get; init; }

    public required string Command { get; init; }
    public bool Interactive { get; init; }
    public required string Task { get; init; }
}

/// <summary>ECS <c>ExecuteCommand</c> output: a Session Manager session to open with the data channel.</summary>
public sealed record ExecuteCommandResponse
{
    public string? ClusterArn { get; init; }
    public string? ContainerArn { get; init; }
    public string? ContainerName { get; init; }
    public bool Interactive { get; init; }
    public ExecuteCommandSession? Session { get; init; }
    public string? TaskArn { get; init; }
}

/// <summary>ECS <c>Session</c>: the websocket URL and the token for its open_data_channel message.</summary>
public sealed record ExecuteCommandSession
{
    public string? SessionId { get; init; }
    public string? StreamUrl { get; init; }
    public string? TokenValue { get; init; }
}
