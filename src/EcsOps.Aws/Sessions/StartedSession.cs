using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Aws.Discovery;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Handshake;

namespace EcsOps.Aws.Sessions;

/// <summary>
/// A Session Manager session with its data channel connected and open (handshake not yet run). Disposing closes the
/// channel and, unless the service already ended the session with <c>channel_closed</c>, calls TerminateSession so
/// nothing keeps running in the container.
/// </summary>
public sealed class StartedSession : IAsyncDisposable
{
    /// <summary>Bounds the channel close and TerminateSession on dispose, so a dead network cannot hang an exit.</summary>
    public static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(5);

    private readonly IAmazonSimpleSystemsManagement _ssm;
    private int _disposed;

    internal StartedSession(
        string sessionId, string target, DiscoveredContainer container, DataChannel channel, SessionEndpointProvider endpoints,
        IAmazonSimpleSystemsManagement ssm, ClientHandshakeOptions handshakeOptions)
    {
        HandshakeOptions = handshakeOptions;
        SessionId = sessionId;
        Target = target;
        Container = container;
        Channel = channel;
        Endpoints = endpoints;
        _ssm = ssm;
    }

    public string SessionId { get; }

    /// <summary>The SSM target, <c>ecs:cluster_task_runtime</c>.</summary>
    public string Target { get; }

    /// <summary>The container the session runs in.</summary>
    public DiscoveredContainer Container { get; }

    /// <summary>The client end of the data channel, open; reconnects through <see cref="Endpoints"/>.</summary>
    public DataChannel Channel { get; }

    /// <summary>
    /// Settings for <see cref="ClientHandshake"/> on this session: the session id and target for the KMS encryption
    /// context, and a data-key generator with the session owner's credentials, used when the agent asks for encryption.
    /// </summary>
    public ClientHandshakeOptions HandshakeOptions { get; }

    /// <summary>Where the channel (re)connects; its resume count tells how often ResumeSession was used.</summary>
    public SessionEndpointProvider Endpoints { get; }

    /// <summary>Ends the session at the service (idempotent there). Failures are returned, not thrown.</summary>
    public async Task<Exception?> TerminateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _ssm.TerminateSessionAsync(new TerminateSessionRequest { SessionId = SessionId }, cancellationToken);
            return null;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return error;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(DisposeTimeout);
        var endedByService = Channel.ClosedBy is not null;
        try
        {
            await Channel.CloseAsync(timeout.Token);
        }
        catch (Exception error) when (error is OperationCanceledException or InvalidOperationException)
        {
            // The channel is going away regardless.
        }

        if (!endedByService)
        {
            await TerminateAsync(timeout.Token);
        }

        await Channel.DisposeAsync();
        _ssm.Dispose();
    }
}
