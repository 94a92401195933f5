using System.Security.Cryptography;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Json;
using EcsOps.Protocol.Sessions;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// The agent's side of the session handshake (fact sheet §5, §8.2): HandshakeRequest, the client's
/// response (any status other than Success is fatal), the optional KMS key exchange and challenge, and
/// HandshakeComplete. Each client answer has a deadline measured on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class AgentHandshake
{
    /// <summary>Random bytes behind the informational Challenge of the KMSEncryption action.</summary>
    private const int ActionChallengeLength = 16;

    /// <summary>Random bytes the client must decrypt and re-encrypt to prove it holds the data key.</summary>
    private const int EncryptionChallengeLength = 64;

    private const string TimedOutMessage =
        "Handshake timed out. Please ensure that you have the latest version of the session manager plugin.";

    private readonly AgentHandshakeOptions _options;

    public AgentHandshake(AgentHandshakeOptions? options = null) => _options = options ?? new AgentHandshakeOptions();

    /// <summary>The real agent's rule (fact sheet §5.1): shells skip the handshake unless they are encrypted.</summary>
    public static bool IsRequired(string sessionType, bool encrypted) =>
        encrypted || sessionType is not (SessionType.StandardStream or SessionType.InteractiveCommands);

    /// <summary>Runs the handshake on <paramref name="channel"/>, or does nothing when skipping is configured.</summary>
    /// <exception cref="ProtocolException">
    /// The client timed out, refused an action, sent malformed JSON, or failed the challenge.
    /// </exception>
    /// <exception cref="InvalidOperationException">KMS was asked for without a decryptor, or together with skipping.</exception>
    public async Task<AgentHandshakeResult> RunAsync(
        IStreamDataChannel channel, AgentSessionParameters session, CancellationToken cancellationToken)
    {
        if (channel.Role != DataChannelRole.Agent)
        {
            throw new ArgumentException("the agent handshake needs the agent end of the channel", nameof(channel));
        }

        var encrypted = session.KmsKeyId is not null;
        if (_options.SkipHandshake)
        {
            return encrypted
                ? throw new InvalidOperationException("an encrypted session cannot skip the handshake")
                : new AgentHandshakeResult(null, null);
        }

        if (encrypted && (_options.KmsDecryptor is null || _options.SessionId is null || _options.TargetId is null))
        {
            throw new InvalidOperationException("a KMS session needs a KMS decryptor, a session id and a target id");
        }

        var startedAt = _options.TimeProvider.GetTimestamp();
        HandshakeResponsePayload response;
        using (var deadline = StartDeadline())
        {
            await channel.SendAsync(PayloadType.HandshakeRequest, CreateRequest(session).ToJson(), cancellationToken);
            var message = await ReceiveBeforeDeadlineAsync(channel, PayloadType.HandshakeResponse, deadline, cancellationToken);
            response = HandshakeResponsePayload.Parse(message.Payload.Span);
        }

        EnsureEveryActionSucceeded(response);

        SessionCipher? cipher = null;
        try
        {
            if (encrypted)
            {
                cipher = await EstablishCipherAsync(response, cancellationToken);
                await VerifyChallengeAsync(channel, cipher, cancellationToken);
            }

            var elapsed = _options.TimeProvider.GetElapsedTime(startedAt);
            var complete = new HandshakeCompletePayload(
                elapsed.Ticks * TimeSpan.NanosecondsPerTick,
                encrypted ? HandshakeCompletePayload.EncryptedSessionMessage : _options.CustomerMessage);
            await channel.SendAsync(PayloadType.HandshakeComplete, complete.ToJson(), cancellationToken);
            return new AgentHandshakeResult(response.ClientVersion ?? "", cipher);
        }
        catch
        {
            cipher?.Dispose();
            throw;
        }
    }

    private HandshakeRequestPayload CreateRequest(AgentSessionParameters session)
    {
        var actions = new List<RequestedClientAction>
        {
            new(ClientActionType.SessionType, HandshakeJson.ToElement(
                new SessionTypeActionParameters(session.SessionType, session.Properties),
                ProtocolJsonContext.Default.SessionTypeActionParameters)),
        };
        if (session.KmsKeyId is { } keyId)
        {
            var challenge = Convert.ToBase64String(RandomNumberGenerator.GetBytes(ActionChallengeLength));
            actions.Add(new(ClientActionType.KmsEncryption, HandshakeJson.ToElement(
                new KmsEncryptionActionParameters(keyId, challenge),
                ProtocolJsonContext.Default.KmsEncryptionActionParameters)));
        }

        return new HandshakeRequestPayload(_options.AgentVersion, actions);
    }

    private static void EnsureEveryActionSucceeded(HandshakeResponsePayload response)
    {
        foreach (var action in response.ProcessedClientActions ?? [])
        {
            if (action is not null && action.ActionStatus != ActionStatus.Success)
            {
                var error = action.ActionType == ClientActionType.SessionType
                    ? ProtocolError.UnsupportedSession
                    : ProtocolError.HandshakeFailed;
                throw new ProtocolException(
                    error, $"the client answered {action.ActionType} with status {(int)action.ActionStatus}: {action.Error}");
            }
        }
    }

    private async Task<SessionCipher> EstablishCipherAsync(HandshakeResponsePayload response, CancellationToken cancellationToken)
    {
        var processed = response.ProcessedClientActions?.FirstOrDefault(a => a?.ActionType == ClientActionType.KmsEncryption)
            ?? throw new ProtocolException(ProtocolError.HandshakeFailed, "the client did not answer the KMSEncryption action");
        var result = HandshakeJson.Parse(processed.ActionResult, ProtocolJsonContext.Default.KmsEncryptionActionResult, "KMSEncryption result");
        if (result.KmsCipherTextKey is not { Length: > 0 } ciphertextBlob)
        {
            throw new ProtocolException(ProtocolError.HandshakeFailed, "the client sent no KMS ciphertext key");
        }

        byte[] dataKey;
        try
        {
            dataKey = await _options.KmsDecryptor!.DecryptAsync(
                ciphertextBlob, KmsEncryptionContext.Create(_options.SessionId!, _options.TargetId!), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ProtocolException(ProtocolError.HandshakeFailed, $"KMS could not decrypt the client's data key: {ex.Message}", ex);
        }

        return SessionCipher.FromDataKey(dataKey, DataChannelRole.Agent);
    }

    private async Task VerifyChallengeAsync(IStreamDataChannel channel, SessionCipher cipher, CancellationToken cancellationToken)
    {
        var challenge = RandomNumberGenerator.GetBytes(EncryptionChallengeLength);
        var request = new EncryptionChallengeRequestPayload(cipher.Encrypt(challenge));
        EncryptionChallengeResponsePayload response;
        using (var deadline = StartDeadline())
        {
            await channel.SendAsync(PayloadType.EncChallengeRequest, request.ToJson(), cancellationToken);
            var message = await ReceiveBeforeDeadlineAsync(channel, PayloadType.EncChallengeResponse, deadline, cancellationToken);
            response = EncryptionChallengeResponsePayload.Parse(message.Payload.Span);
        }

        byte[] answer;
        try
        {
            answer = cipher.Decrypt(response.Challenge ?? []);
        }
        catch (ProtocolException ex)
        {
            throw new ProtocolException(ProtocolError.HandshakeFailed, $"the client's challenge response does not decrypt: {ex.Message}", ex);
        }

        if (!CryptographicOperations.FixedTimeEquals(answer, challenge))
        {
            throw new ProtocolException(ProtocolError.HandshakeFailed, "the client's challenge response does not match the challenge");
        }
    }

    /// <summary>Starts the clock for one client answer; started before the request is sent, so it cannot be missed.</summary>
    private CancellationTokenSource StartDeadline() => new(_options.Timeout, _options.TimeProvider);

    private static async Task<StreamData> ReceiveBeforeDeadlineAsync(
        IStreamDataChannel channel, PayloadType expected, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        StreamData? message;
        try
        {
            message = await channel.ReceiveAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ProtocolException(ProtocolError.HandshakeFailed, TimedOutMessage);
        }

        if (message is null)
        {
            if (channel.Completion.IsFaulted)
            {
                await channel.Completion;
            }

            throw new ProtocolException(ProtocolError.HandshakeFailed, $"the channel ended while waiting for {expected}");
        }

        if (message.Value.PayloadType != expected)
        {
            throw new ProtocolException(
                ProtocolError.HandshakeFailed, $"expected {expected} during the handshake but received {message.Value.PayloadType}");
        }

        return message.Value;
    }
}
