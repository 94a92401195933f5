namespace EcsOps.Protocol.Transport;

/// <summary>
/// Where and how to open a data-channel websocket: the StreamUrl and token from StartSession or
/// ResumeSession, plus upgrade headers (SigV4 <c>Authorization</c>, <c>X-Amz-Date</c>, …) if any.
/// </summary>
public sealed record DataChannelEndpoint(
    Uri StreamUrl,
    string TokenValue,
    IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Supplies a fresh endpoint for every connect. The AWS layer implements it: the first call returns the
/// StartSession result; calls with <c>resume</c> = true run ResumeSession (new token, maybe a new
/// StreamUrl) and re-sign with refreshed credentials. Throw <see cref="TransportException"/> with
/// <see cref="TransportException.IsTransient"/> set to say whether retrying can help.
/// </summary>
public interface IDataChannelEndpointProvider
{
    ValueTask<DataChannelEndpoint> GetEndpointAsync(bool resume, CancellationToken cancellationToken);
}
