using System.Net.WebSockets;

namespace EcsOps.Sandbox.Gateway;

/// <summary>How one receive on a gateway socket ended.</summary>
internal enum ReceiveOutcome
{
    /// <summary>A whole TEXT or BINARY message.</summary>
    Message,

    /// <summary>The message was larger than allowed; nothing of it was kept.</summary>
    TooBig,

    /// <summary>The peer sent a close frame.</summary>
    Closed,

    /// <summary>The connection failed or was aborted.</summary>
    Failed,
}

/// <summary>One result of <see cref="GatewayConnection.ReceiveAsync"/>. <see cref="Data"/> is a fresh copy the caller owns.</summary>
internal readonly record struct ReceivedFrame(ReceiveOutcome Outcome, WebSocketMessageType Type = WebSocketMessageType.Binary, byte[]? Data = null);
