using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace EcsOps.Sandbox.Ssm;

/// <summary>
/// The sessions created by ssm:StartSession and ecs:ExecuteCommand. The message gateway redeems the tokens
/// of open_data_channel messages here and records the session's state as its sides come and go; the
/// container agent learns of new sessions from <see cref="Started"/> and gets its own tokens here.
/// </summary>
public sealed class SessionRegistry(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, SessionRecord> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _clientArrivals = new(StringComparer.Ordinal);

    /// <summary>
    /// Raised after a session was created, on the thread of the API call. Handlers must return quickly
    /// (start work elsewhere) and must not throw.
    /// </summary>
    public event Action<SessionRecord>? Started;

    /// <summary>Raised after a session's state changed (Connected, Disconnected, Terminated), with the new record.</summary>
    public event Action<SessionRecord>? StateChanged;

    /// <summary>Raised once per session when it becomes <see cref="SessionState.Terminated"/>, whoever ended it.</summary>
    public event Action<SessionRecord>? Terminated;

    /// <summary>The data-channel URL of a session on the sandbox listening on <paramref name="port"/>.</summary>
    public static string StreamUrlFor(int port, string sessionId) =>
        $"ws://127.0.0.1:{port}/v1/data-channel/{sessionId}?role=publish_subscribe";

    /// <summary>Creates a session with its first token.</summary>
    /// <param name="sessionIdPrefix">The caller's name for SSM sessions, <c>ecs-execute-command</c> for ECS Exec.</param>
    public SessionRecord Start(
        string sessionIdPrefix,
        string target,
        string documentName,
        IReadOnlyDictionary<string, IReadOnlyList<string>> parameters,
        string? reason,
        string accountId,
        string region,
        string ownerArn,
        int port)
    {
        var sessionId = $"{sessionIdPrefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))[..17]}";
        var session = new SessionRecord
        {
            SessionId = sessionId,
            Target = target,
            DocumentName = documentName,
            Parameters = parameters,
            Reason = reason,
            AccountId = accountId,
            Region = region,
            OwnerArn = ownerArn,
            StreamUrl = StreamUrlFor(port, sessionId),
            StartedAt = timeProvider.GetUtcNow(),
            Tokens = [NewToken()],
        };
        _clientArrivals[sessionId] = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _sessions[sessionId] = session;
        Started?.Invoke(session);
        return session;
    }

    public SessionRecord? Find(string sessionId) => _sessions.GetValueOrDefault(sessionId);

    public IReadOnlyList<SessionRecord> All() => [.. _sessions.Values.OrderBy(s => s.StartedAt)];

    /// <summary>Issues a fresh token for a session of <paramref name="accountId"/> that is not terminated.</summary>
    public SessionRecord? Resume(string sessionId, string accountId) =>
        Update(sessionId, accountId, s => s.State == SessionState.Terminated
            ? null
            : s with { Tokens = [.. s.Tokens, NewToken()] });

    /// <summary>
    /// Issues a token for the session's agent to open (or reopen) its side of the data channel, as the real
    /// agent's CreateDataChannel call does; null when the session is unknown or terminated.
    /// </summary>
    public string? IssueAgentToken(string sessionId)
    {
        var token = NewToken();
        return Update(sessionId, accountId: null, s => s.State == SessionState.Terminated
            ? null
            : s with { AgentTokens = [.. s.AgentTokens, token] }) is null ? null : token;
    }

    /// <summary>
    /// Uses up <paramref name="token"/>: says which side of the session it opens, or null when it was never
    /// issued for this session, was already used, or the session is terminated.
    /// </summary>
    public SessionPeer? RedeemToken(string sessionId, string token)
    {
        SessionPeer? peer = null;
        Update(sessionId, accountId: null, s =>
        {
            peer = null;
            if (s.State == SessionState.Terminated || s.RedeemedTokens.Any(t => TokensEqual(t, token)))
            {
                return null;
            }

            peer = s.Tokens.Any(t => TokensEqual(t, token)) ? SessionPeer.Client
                : s.AgentTokens.Any(t => TokensEqual(t, token)) ? SessionPeer.Agent
                : null;
            return peer is null ? null : s with { RedeemedTokens = [.. s.RedeemedTokens, token] };
        });
        return peer;
    }

    /// <summary>Marks a session of <paramref name="accountId"/> terminated; null when there is no such session.</summary>
    public SessionRecord? Terminate(string sessionId, string accountId) => SetStateCore(sessionId, accountId, SessionState.Terminated);

    /// <summary>Moves a session to <paramref name="state"/> (used by the gateway as channels open and drop).</summary>
    public SessionRecord? SetState(string sessionId, SessionState state) => SetStateCore(sessionId, accountId: null, state);

    /// <summary>
    /// Completes with true once a client has opened the session's data channel, or with false when the
    /// session ends (or is unknown) first. The agent starts the session's process only then, so that
    /// nothing it prints is lost to a client that has not arrived yet.
    /// </summary>
    public Task<bool> WaitForClientAsync(string sessionId, CancellationToken cancellationToken) =>
        _clientArrivals.TryGetValue(sessionId, out var arrival)
            ? arrival.Task.WaitAsync(cancellationToken)
            : Task.FromResult(false);

    /// <summary>True when <paramref name="token"/> was issued for the session and the session is not terminated.</summary>
    public bool IsValidToken(string sessionId, string token) =>
        _sessions.TryGetValue(sessionId, out var session)
        && session.State != SessionState.Terminated
        && (session.Tokens.Any(t => TokensEqual(t, token)) || session.AgentTokens.Any(t => TokensEqual(t, token)));

    private SessionRecord? SetStateCore(string sessionId, string? accountId, SessionState state)
    {
        var wasTerminated = true;
        var previous = state;
        var updated = Update(sessionId, accountId, s =>
        {
            wasTerminated = s.State == SessionState.Terminated;
            previous = s.State;
            return wasTerminated
                ? s
                : s with { State = state, EndedAt = state == SessionState.Terminated ? timeProvider.GetUtcNow() : null };
        });
        if (updated is null || wasTerminated)
        {
            return updated;
        }

        if (previous != state)
        {
            StateChanged?.Invoke(updated);
        }

        if (state == SessionState.Connected && _clientArrivals.TryGetValue(sessionId, out var arrival))
        {
            arrival.TrySetResult(true);
        }

        if (state == SessionState.Terminated)
        {
            if (_clientArrivals.TryGetValue(sessionId, out var never))
            {
                never.TrySetResult(false);
            }

            Terminated?.Invoke(updated);
        }

        return updated;
    }

    private SessionRecord? Update(string sessionId, string? accountId, Func<SessionRecord, SessionRecord?> change)
    {
        while (_sessions.TryGetValue(sessionId, out var current))
        {
            if (accountId is not null && current.AccountId != accountId)
            {
                return null;
            }

            var next = change(current);
            if (next is null)
            {
                return null;
            }

            if (ReferenceEquals(next, current) || _sessions.TryUpdate(sessionId, next, current))
            {
                return next;
            }
        }

        return null;
    }

    private static bool TokensEqual(string issued, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(issued), Encoding.UTF8.GetBytes(presented));

    // 64 random bytes, base64: 88 characters, within SSM's 300-character TokenValue limit.
    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
}
