using System.Text.Json;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Json;
using EcsOps.Protocol.Sessions;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// The client's side of the session handshake (fact sheet §5, §8.2): answers the agent's HandshakeRequest,
/// the optional KMS challenge, and returns once HandshakeComplete arrives. A first Output message instead
/// of a HandshakeRequest means the agent skipped the handshake (shell without KMS).
/// </summary>
public sealed class ClientHandshake
{
    private readonly ClientHandshakeOptions _options;

    public ClientHandshake(ClientHandshakeOptions? options = null) => _options = options ?? new ClientHandshakeOptions();

    /// <summary>Runs the handshake on <paramref name="channel"/>. Reads nothing past HandshakeComplete.</summary>
    /// <exception cref="ProtocolException">
    /// Malformed or out-of-order handshake messages, a failed challenge or the channel ending early
    /// (<see cref="ProtocolError.HandshakeFailed"/>); a session type this client cannot run
    /// (<see cref="ProtocolError.UnsupportedSession"/>, after telling the agent).
    /// </exception>
    public async Task<ClientHandshakeResult> RunAsync(IStreamDataChannel channel, CancellationToken cancellationToken)
    {
        if (channel.Role != DataChannelRole.Client)
        {
            throw new ArgumentException("the client handshake needs the client end of the channel", nameof(channel));
        }

        var state = new ClientHandshakeState();
        try
        {
            while (true)
            {
                var message = await ReceiveAsync(channel, state, cancellationToken);
                switch (message.PayloadType)
                {
                    case PayloadType.Output when state.Request is null:
                        return new ClientHandshakeResult(
                            new SessionDescription(SessionType.StandardStream, null, null, null, null), message);

                    case PayloadType.HandshakeRequest:
                        await AnswerHandshakeRequestAsync(channel, state, message.Payload, cancellationToken);
                        break;

                    case PayloadType.EncChallengeRequest when state.Request is not null:
                        await AnswerChallengeAsync(channel, state, message.Payload, cancellationToken);
                        break;

                    case PayloadType.HandshakeComplete when state.Request is not null:
                        return new ClientHandshakeResult(Complete(state, message.Payload), null);

                    default:
                        throw new ProtocolException(
                            ProtocolError.HandshakeFailed, $"unexpected {message.PayloadType} message during the handshake");
                }
            }
        }
        catch
        {
            state.Cipher?.Dispose();
            throw;
        }
    }

    private static async Task<StreamData> ReceiveAsync(IStreamDataChannel channel, ClientHandshakeState state, CancellationToken cancellationToken)
    {
        var message = await channel.ReceiveAsync(cancellationToken);
        if (message is not null)
        {
            return message.Value;
        }

        if (channel.Completion.IsFaulted)
        {
            await channel.Completion;
        }

        // The agent ends the session when we could not do KMS encryption; our own reason says more than its close.
        var reason = state.KmsFailure is { } kms ? $": {kms}"
            : channel.ClosedBy?.Output is { Length: > 0 } output ? $": {output}" : "";
        throw new ProtocolException(ProtocolError.HandshakeFailed, $"the channel ended before the handshake completed{reason}");
    }

    private async Task AnswerHandshakeRequestAsync(
        IStreamDataChannel channel, ClientHandshakeState state, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var request = HandshakeRequestPayload.Parse(payload.Span);
        state.Request = request;
        var processed = new List<ProcessedClientAction>();
        foreach (var action in request.RequestedClientActions ?? [])
        {
            processed.Add(action?.ActionType switch
            {
                ClientActionType.SessionType => ProcessSessionType(state, action.ActionParameters),
                ClientActionType.KmsEncryption => await ProcessKmsEncryptionAsync(state, action.ActionParameters, cancellationToken),
                _ => new ProcessedClientAction(
                    action?.ActionType ?? "", ActionStatus.Unsupported, null, $"Unsupported action {action?.ActionType}"),
            });
        }

        var response = new HandshakeResponsePayload(_options.ClientVersion, processed);
        await channel.SendAsync(PayloadType.HandshakeResponse, response.ToJson(), cancellationToken);

        if (state.RejectedSessionType is { } rejected)
        {
            throw new ProtocolException(ProtocolError.UnsupportedSession, $"the agent offered session type '{rejected}', which this client cannot run");
        }
    }

    private static ProcessedClientAction ProcessSessionType(ClientHandshakeState state, JsonElement? parameters)
    {
        var sessionType = HandshakeJson.Parse(parameters, ProtocolJsonContext.Default.SessionTypeActionParameters, "SessionType parameters");
        if (!SessionType.IsKnown(sessionType.SessionType))
        {
            state.RejectedSessionType = sessionType.SessionType ?? "";
            return new ProcessedClientAction(
                ClientActionType.SessionType, ActionStatus.Failed, null, $"Unknown session type {sessionType.SessionType}");
        }

        state.SessionType = sessionType.SessionType;
        state.Properties = HandshakeJson.IsNull(sessionType.Properties) ? null : sessionType.Properties;
        return new ProcessedClientAction(ClientActionType.SessionType, ActionStatus.Success, null);
    }

    private async Task<ProcessedClientAction> ProcessKmsEncryptionAsync(
        ClientHandshakeState state, JsonElement? parameters, CancellationToken cancellationToken)
    {
        var kms = HandshakeJson.Parse(parameters, ProtocolJsonContext.Default.KmsEncryptionActionParameters, "KMSEncryption parameters");
        if (_options.KmsDataKeyGenerator is not { } generator || _options.SessionId is not { } sessionId || _options.TargetId is not { } targetId)
        {
            return Failed(state, "the agent asked for KMS encryption but this client has no KMS client, session id or target configured");
        }

        KmsDataKey dataKey;
        try
        {
            dataKey = await generator.GenerateDataKeyAsync(
                kms.KmsKeyId, KmsEncryptionContext.Create(sessionId, targetId), SessionCipher.DataKeyLength, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Reported to the agent, which ends the session; the client then sees the channel close.
            return Failed(state, $"Error generating the KMS data key: {ex.Message}");
        }

        if (dataKey.Plaintext.Length != SessionCipher.DataKeyLength)
        {
            return Failed(state, $"KMS returned a {dataKey.Plaintext.Length}-byte data key; expected {SessionCipher.DataKeyLength}");
        }

        state.Cipher?.Dispose();
        state.Cipher = SessionCipher.FromDataKey(dataKey.Plaintext, DataChannelRole.Client);
        var result = new KmsEncryptionActionResult(dataKey.CiphertextBlob);
        return new ProcessedClientAction(
            ClientActionType.KmsEncryption,
            ActionStatus.Success,
            HandshakeJson.ToElement(result, ProtocolJsonContext.Default.KmsEncryptionActionResult));

        static ProcessedClientAction Failed(ClientHandshakeState state, string error)
        {
            state.KmsFailure = error;
            return new(ClientActionType.KmsEncryption, ActionStatus.Failed, null, error);
        }
    }

    private static async Task AnswerChallengeAsync(
        IStreamDataChannel channel, ClientHandshakeState state, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (state.Cipher is not { } cipher)
        {
            throw new ProtocolException(ProtocolError.HandshakeFailed, "EncChallengeRequest received but KMS encryption was not negotiated");
        }

        var request = EncryptionChallengeRequestPayload.Parse(payload.Span);
        byte[] challenge;
        try
        {
            challenge = cipher.Decrypt(request.Challenge ?? []);
        }
        catch (ProtocolException ex)
        {
            throw new ProtocolException(ProtocolError.HandshakeFailed, $"cannot decrypt the agent's challenge: {ex.Message}", ex);
        }

        var response = new EncryptionChallengeResponsePayload(cipher.Encrypt(challenge));
        await channel.SendAsync(PayloadType.EncChallengeResponse, response.ToJson(), cancellationToken);
    }

    private static SessionDescription Complete(ClientHandshakeState state, ReadOnlyMemory<byte> payload)
    {
        var complete = HandshakeCompletePayload.Parse(payload.Span);
        if (state.SessionType is not { } sessionType)
        {
            throw new ProtocolException(ProtocolError.HandshakeFailed, "the handshake completed without a SessionType action");
        }

        return new SessionDescription(
            sessionType, state.Properties, state.Request!.AgentVersion ?? "", complete.CustomerMessage, state.Cipher);
    }

    /// <summary>What the handshake has established so far.</summary>
    private sealed class ClientHandshakeState
    {
        public HandshakeRequestPayload? Request { get; set; }

        public string? SessionType { get; set; }

        public JsonElement? Properties { get; set; }

        public string? RejectedSessionType { get; set; }

        public SessionCipher? Cipher { get; set; }

        /// <summary>Why KMS encryption could not be set up, as reported to the agent.</summary>
        public string? KmsFailure { get; set; }
    }
}
