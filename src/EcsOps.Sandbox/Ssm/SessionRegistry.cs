using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EcsOps.Sandbox.Ssm;

/// <summary>
/// The sessions created by ssm:StartSession and ecs:ExecuteCommand. The message gateway (to come) looks
/// sessions up here to check the token of an open_data_channel message and to find the target.
/// </summary>
public sealed class SessionRegistry(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, SessionRecord> _sessions = new(StringComparer.Ordinal);

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
        _sessions[sessionId] = session;
        return session;
    }

    public SessionRecord? Find(string sessionId) => _sessions.GetValueOrDefault(sessionId);

    public IReadOnlyList<SessionRecord> All() => [.. _sessions.Values.OrderBy(s => s.StartedAt)];

    /// <summary>Issues a fresh token for a session of <paramref name="accountId"/> that is not terminated.</summary>
    public SessionRecord? Resume(string sessionId, string accountId) =>
        Update(sessionId, accountId, s => s.State == SessionState.Terminated
            ? null
            : s with { Tokens = [.. s.Tokens, NewToken()] });

    /// <summary>Marks a session of <paramref name="accountId"/> terminated; null when there is no such session.</summary>
    public SessionRecord? Terminate(string sessionId, string accountId) =>
        Update(sessionId, accountId, s => s.State == SessionState.Terminated
            ? s
            : s with { State = SessionState.Terminated, EndedAt = timeProvider.GetUtcNow() });

    /// <summary>Moves a session to <paramref name="state"/> (used by the gateway as channels open and drop).</summary>
    public SessionRecord? SetState(string sessionId, SessionState state) =>
        Update(sessionId, accountId: null, s => s.State == SessionState.Terminated
            ? s
            : s with { State = state, EndedAt = state == SessionState.Terminated ? timeProvider.GetUtcNow() : null });

    /// <summary>True when <paramref name="token"/> was issued for the session and the session is not terminated.</summary>
    public bool IsValidToken(string sessionId, string token) =>
        _sessions.TryGetValue(sessionId, out var session)
        && session.State != SessionState.Terminated
        && session.Tokens.Any(t => CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(t), System.Text.Encoding.UTF8.GetBytes(token)));

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

            if (_sessions.TryUpdate(sessionId, next, current))
            {
                return next;
            }
        }

        return null;
    }

    // 64 random bytes, base64: 88 characters, within SSM's 300-character TokenValue limit.
    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
}
