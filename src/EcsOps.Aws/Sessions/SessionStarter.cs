using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Aws.Accounts;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Http;
using EcsOps.Aws.Kms;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Transport;

namespace EcsOps.Aws.Sessions;

/// <summary>
/// Opens Session Manager sessions to a discovered container, acting in the container's account (its role when it
/// is not the caller's): ECS ExecuteCommand for commands and shells, SSM StartSession for documents such as port
/// forwarding. Either way the answer is a <see cref="StartedSession"/> whose data channel is connected and open,
/// resumes through SSM ResumeSession and signs every websocket upgrade with fresh credentials.
/// </summary>
/// <remarks>
/// AWS errors come out typed (<see cref="TargetNotConnectedException"/>, <see cref="AccessDeniedException"/>,
/// <see cref="InvalidParameterException"/>, …, all <see cref="AwsServiceException"/>); an unreachable endpoint is an
/// <see cref="AwsConnectionException"/>; a data channel that cannot connect is a <see cref="TransportException"/>.
/// </remarks>
public sealed class SessionStarter
{
    private readonly AwsClientFactory _factory;
    private readonly AccountAccess _access;
    private readonly AccountInventory _inventory;
    private readonly SessionStarterOptions _options;

    public SessionStarter(AwsClientFactory factory, AccountAccess access, AccountInventory inventory, SessionStarterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(inventory);
        _factory = factory;
        _access = access;
        _inventory = inventory;
        _options = options ?? SessionStarterOptions.Default;
    }

    /// <summary>A starter using a workspace's clients, roles and accounts.</summary>
    public static SessionStarter For(AwsWorkspace workspace, SessionStarterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return new SessionStarter(workspace.Factory, workspace.Access, workspace.Inventory, options);
    }

    /// <summary>
    /// ECS ExecuteCommand (interactive, the only mode ECS has) running <paramref name="command"/> in the container,
    /// then connects its data channel. The session's document is AmazonECS-ExecuteInteractiveCommand; the agent runs
    /// the command on a PTY.
    /// </summary>
    public async Task<StartedSession> ExecuteCommandAsync(DiscoveredContainer container, string command, CancellationToken cancellationToken) =>
        await ConnectAsync(await RequestExecuteCommandAsync(container, command, cancellationToken), cancellationToken);

    /// <summary>ECS ExecuteCommand only: the session is granted but nothing connects to it yet.</summary>
    public async Task<SessionGrant> RequestExecuteCommandAsync(DiscoveredContainer container, string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrEmpty(command);
        var target = RequireTarget(container);
        var credentials = await CredentialsForAsync(container, cancellationToken);
        var ecs = _factory.CreateEcs(container.Region, credentials);
        var response = await ecs.ExecuteCommandAsync(
            new ExecuteCommandRequest
            {
                Cluster = container.ClusterArn,
                Task = container.TaskArn,
                Container = container.ContainerName,
                Command = command,
                Interactive = true,
            },
            cancellationToken);
        var session = response.Session;
        if (session?.SessionId is not { Length: > 0 } sessionId || session.StreamUrl is not { Length: > 0 } streamUrl
            || session.TokenValue is not { Length: > 0 } token)
        {
            throw new InvalidResponseException("ECS ExecuteCommand answered without a complete session (sessionId, streamUrl, tokenValue)");
        }

        return new SessionGrant
        {
            Api = SessionApi.EcsExecuteCommand,
            SessionId = sessionId,
            StreamUrl = streamUrl,
            TokenValue = token,
            Target = target,
            Container = container,
            Credentials = credentials,
        };
    }

    /// <summary>
    /// SSM StartSession against the container (target <c>ecs:cluster_task_runtime</c>) with a Session document and
    /// its parameters, then connects the data channel.
    /// </summary>
    /// <param name="documentName">The Session document; the account's default shell when null.</param>
    /// <param name="parameters">The document's parameters; none when null.</param>
    /// <param name="reason">Recorded by SSM and CloudTrail; carries the run id (1–256 characters).</param>
    public async Task<StartedSession> StartSessionAsync(
        DiscoveredContainer container,
        string? documentName,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? parameters,
        string? reason,
        CancellationToken cancellationToken) =>
        await ConnectAsync(await RequestStartSessionAsync(container, documentName, parameters, reason, cancellationToken), cancellationToken);

    /// <summary>SSM StartSession only: the session is granted but nothing connects to it yet.</summary>
    public async Task<SessionGrant> RequestStartSessionAsync(
        DiscoveredContainer container,
        string? documentName,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? parameters,
        string? reason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var target = RequireTarget(container);
        var credentials = await CredentialsForAsync(container, cancellationToken);
        using var ssm = _factory.CreateSsm(container.Region, credentials);
        var request = new StartSessionRequest { Target = target };
        if (documentName is not null)
        {
            request.DocumentName = documentName;
        }

        if (parameters is { Count: > 0 })
        {
            request.Parameters = parameters.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal);
        }

        if (!string.IsNullOrEmpty(reason))
        {
            request.Reason = reason.Length > 256 ? reason[..256] : reason;
        }

        var response = await SdkErrors.CallAsync("SSM", () => ssm.StartSessionAsync(request, cancellationToken));
        if (response.SessionId is not { Length: > 0 } sessionId || response.StreamUrl is not { Length: > 0 } streamUrl
            || response.TokenValue is not { Length: > 0 } token)
        {
            throw new InvalidResponseException("SSM StartSession answered without a complete session (SessionId, StreamUrl, TokenValue)");
        }

        return new SessionGrant
        {
            Api = SessionApi.SsmStartSession,
            SessionId = sessionId,
            StreamUrl = streamUrl,
            TokenValue = token,
            Target = target,
            Container = container,
            Credentials = credentials,
            DocumentName = documentName,
            Parameters = parameters,
            Reason = request.Reason,
        };
    }

    /// <summary>
    /// Connects our data channel to a granted session and returns it open (handshake not yet run), with the handshake
    /// settings KMS encryption needs.
    /// </summary>
    public async Task<StartedSession> ConnectAsync(SessionGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var container = grant.Container;
        var credentials = grant.Credentials;
        var ssm = _factory.CreateSsm(container.Region, credentials);
        var signer = new DataChannelUpgradeSigner(credentials, container.Region, _factory.TimeProvider);
        var endpoints = new SessionEndpointProvider(grant.SessionId, new Uri(grant.StreamUrl), grant.TokenValue, ssm, signer);
        var channel = new DataChannel(
            DataChannelRole.Client, new WebSocketConnector(endpoints, _options.WebSocket), _options.DataChannel, _factory.TimeProvider);
        var handshake = new ClientHandshakeOptions
        {
            KmsDataKeyGenerator = new KmsDataKeyGenerator(region => _factory.CreateKms(region, credentials), container.Region),
            SessionId = grant.SessionId,
            TargetId = grant.Target,
        };
        var session = new StartedSession(grant.SessionId, grant.Target, container, channel, endpoints, ssm, handshake);
        try
        {
            await channel.OpenAsync(cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Ends a granted session from outside a data channel (after the session-manager-plugin exits, or when it could not
    /// start), so the agent does not keep it open until its own timeout. Failures are returned, not thrown.
    /// </summary>
    public async Task<Exception?> TerminateAsync(SessionGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        using var ssm = _factory.CreateSsm(grant.Container.Region, grant.Credentials);
        try
        {
            await ssm.TerminateSessionAsync(new TerminateSessionRequest { SessionId = grant.SessionId }, cancellationToken);
            return null;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return error;
        }
    }

    private Task<IAwsCredentialsProvider> CredentialsForAsync(DiscoveredContainer container, CancellationToken cancellationToken) =>
        ContainerCredentials.ForAsync(_inventory, _access, container, cancellationToken);

    private static string RequireTarget(DiscoveredContainer container) =>
        container.SsmTarget?.ToString()
        ?? throw new InvalidOperationException(
            $"container {container.Path} in task {container.TaskId} has not started yet (no runtime id), so no session can reach it");
}
