using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Aws.Http;
using EcsOps.Protocol.Transport;

namespace EcsOps.Aws.Sessions;

/// <summary>
/// Where the data channel of one session connects. The first connect uses the StreamUrl and token that
/// StartSession or ExecuteCommand returned; every reconnect calls SSM ResumeSession for a new token and switches to
/// the new StreamUrl when one is given (its <c>cell-number</c> may change, fact sheet §2.4). Each connect is signed
/// afresh by the <see cref="DataChannelUpgradeSigner"/>.
/// </summary>
public sealed class SessionEndpointProvider : IDataChannelEndpointProvider
{
    private readonly string _sessionId;
    private readonly string _initialToken;
    private readonly IAmazonSimpleSystemsManagement _ssm;
    private readonly DataChannelUpgradeSigner _signer;
    private Uri _streamUrl;
    private int _resumeCount;

    /// <param name="sessionId">The session, for ResumeSession.</param>
    /// <param name="streamUrl">The StreamUrl of StartSession or ExecuteCommand.</param>
    /// <param name="tokenValue">The token of StartSession or ExecuteCommand; good for the first connect only.</param>
    /// <param name="ssm">An SSM client with the session owner's credentials, in the session's region.</param>
    /// <param name="signer">Signs each upgrade.</param>
    public SessionEndpointProvider(
        string sessionId, Uri streamUrl, string tokenValue, IAmazonSimpleSystemsManagement ssm, DataChannelUpgradeSigner signer)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(streamUrl);
        ArgumentException.ThrowIfNullOrEmpty(tokenValue);
        ArgumentNullException.ThrowIfNull(ssm);
        ArgumentNullException.ThrowIfNull(signer);
        _sessionId = sessionId;
        _streamUrl = streamUrl;
        _initialToken = tokenValue;
        _ssm = ssm;
        _signer = signer;
    }

    /// <summary>How many times ResumeSession has answered with a new token.</summary>
    public int ResumeCount => Volatile.Read(ref _resumeCount);

    /// <summary>The StreamUrl the next connect uses.</summary>
    public Uri StreamUrl => Volatile.Read(ref _streamUrl);

    /// <exception cref="TransportException">
    /// ResumeSession failed; transient when AWS may answer later (throttling, 5xx, network), not when the session
    /// is gone (DoesNotExistException, or an answer without a token).
    /// </exception>
    public async ValueTask<DataChannelEndpoint> GetEndpointAsync(bool resume, CancellationToken cancellationToken)
    {
        var token = _initialToken;
        if (resume)
        {
            var resumed = await ResumeAsync(cancellationToken);
            if (string.IsNullOrEmpty(resumed.TokenValue))
            {
                throw new TransportException($"session {_sessionId} has ended (ResumeSession returned no token)", isTransient: false);
            }

            token = resumed.TokenValue;
            if (!string.IsNullOrEmpty(resumed.StreamUrl))
            {
                Volatile.Write(ref _streamUrl, new Uri(resumed.StreamUrl));
            }

            Interlocked.Increment(ref _resumeCount);
        }

        var url = StreamUrl;
        return new DataChannelEndpoint(url, token, await SignAsync(url, cancellationToken));
    }

    private async Task<ResumeSessionResponse> ResumeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _ssm.ResumeSessionAsync(new ResumeSessionRequest { SessionId = _sessionId }, cancellationToken);
        }
        catch (AmazonServiceException error)
        {
            var translated = SdkErrors.Translate(error);
            throw new TransportException(
                $"ResumeSession for {_sessionId} failed: {translated.ErrorCode}: {translated.Message}", translated.IsRetryable, translated);
        }
        catch (AmazonClientException error)
        {
            throw new TransportException($"ResumeSession for {_sessionId} failed: {error.Message}", isTransient: true, error);
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> SignAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await _signer.SignAsync(url, cancellationToken);
        }
        catch (Exception error) when (error is AmazonClientException or AwsServiceException or HttpRequestException)
        {
            // Credentials could not be refreshed right now (STS throttled or unreachable); a later attempt may work.
            throw new TransportException($"could not sign the data channel connection: {error.Message}", isTransient: true, error);
        }
    }
}
