namespace EcsOps.Protocol.Transport;

/// <summary>An open connection plus the token to present in its OpenDataChannel frame.</summary>
public sealed record DataChannelConnection(IMessageTransport Transport, string TokenValue);

/// <summary>
/// Opens the data channel's socket. The first call uses the token from StartSession/ExecuteCommand;
/// later calls (resume = true) happen after the socket was lost: a client runs
/// ResumeSession there, may receive a new StreamUrl and token, and refreshes credentials for signing.
/// Failures are reported as <see cref="TransportException"/>: a transient one is retried within the
/// channel's reconnect budget, a non-transient one (or any other exception) ends the channel.
/// </summary>
public interface IDataChannelConnector
{
    Task<DataChannelConnection> ConnectAsync(bool resume, CancellationToken cancellationToken);
}
