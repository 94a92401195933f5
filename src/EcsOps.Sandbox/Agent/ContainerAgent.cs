using System.Collections.Concurrent;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Kms;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Agent;

/// <summary>
/// The sandbox's amazon-ssm-agent in container mode (fact sheet §8): for every session started with
/// StartSession or ExecuteCommand it dials the message gateway as the session's agent over a real websocket
/// and runs the session's document against the target container through <see cref="IContainerProcessHost"/>.
/// </summary>
public sealed class ContainerAgent : IAsyncDisposable
{
    private readonly SessionRegistry _registry;
    private readonly EcsStore _ecs;
    private readonly KmsKeyRing _keys;
    private readonly IContainerProcessHost? _host;
    private readonly ILogger<ContainerAgent> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, string> _running = new();
    private int _disposed;

    /// <param name="host">Runs processes in containers; without one, the agent serves no session.</param>
    public ContainerAgent(
        SessionRegistry registry,
        EcsStore ecs,
        KmsKeyRing keys,
        ContainerAgentOptions options,
        IContainerProcessHost? host,
        ILogger<ContainerAgent> logger)
    {
        _registry = registry;
        _ecs = ecs;
        _keys = keys;
        Options = options;
        _host = host;
        _logger = logger;
        _registry.Started += OnSessionStarted;
    }

    public ContainerAgentOptions Options { get; }

    /// <summary>Sessions the agent is serving now.</summary>
    public int ActiveSessions => _running.Count;

    /// <summary>Ends every session's process and channel (the sandbox is stopping); returns at once.</summary>
    public void Stop()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _registry.Started -= OnSessionStarted;
        Stop();
        await Task.WhenAll(_running.Keys);
        _stopping.Dispose();
    }

    private void OnSessionStarted(SessionRecord session)
    {
        if (_host is null || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var run = Task.Run(() => RunAsync(session, _host), CancellationToken.None);
        _running.TryAdd(run, session.SessionId);
        _ = run.ContinueWith(done => _running.TryRemove(done, out _), TaskScheduler.Default);
    }

    private async Task RunAsync(SessionRecord session, IContainerProcessHost host)
    {
        AgentSession agentSession;
        try
        {
            agentSession = Prepare(session, host);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            _logger.LogWarning("session {SessionId} cannot run: {Reason}", session.SessionId, ex.Message);
            _registry.SetState(session.SessionId, SessionState.Terminated);
            return;
        }

        await agentSession.RunAsync(_stopping.Token);
    }

    private AgentSession Prepare(SessionRecord session, IContainerProcessHost host)
    {
        if (!SsmTarget.TryParse(session.Target, out var target))
        {
            throw new ArgumentException($"{session.Target} is not a container target");
        }

        var container = host.FindContainer(target.ClusterName, target.TaskId, target.RuntimeId)
            ?? throw new InvalidOperationException($"{session.Target} is not connected (no such running container)");
        var (clusterKmsKeyId, agentVersion) = _ecs.Read(new EcsScope(session.AccountId, session.Region), region =>
            region.Clusters.TryGetValue(target.ClusterName, out var cluster)
                ? (cluster.Model.Configuration?.ExecuteCommandConfiguration?.KmsKeyId, cluster.AgentVersions.GetValueOrDefault(target.TaskId))
                : (null, null));
        var plan = SessionPlan.For(session, clusterKmsKeyId, Options.SessionPreferencesKmsKeyId);
        var handshake = new AgentHandshakeOptions
        {
            AgentVersion = agentVersion ?? ProtocolVersions.DefaultAgentVersion,
            TimeProvider = Options.TimeProvider,
            KmsDecryptor = new KmsKeyRingDecryptor(_keys, session.AccountId),
            SessionId = session.SessionId,
            TargetId = session.Target,
        };
        return new AgentSession(session, plan, container, host, _registry, handshake, Options, _logger);
    }
}
