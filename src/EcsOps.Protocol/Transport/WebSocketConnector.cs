using System.Net;
using System.Net.WebSockets;

namespace EcsOps.Protocol.Transport;

/// <summary>
/// Client-side <see cref="IDataChannelConnector"/>: asks an <see cref="IDataChannelEndpointProvider"/> for
/// the StreamUrl, token and headers, then dials with <see cref="ClientWebSocket"/> using real websocket
/// keepalive pings.
/// </summary>
public sealed class WebSocketConnector : IDataChannelConnector
{
    private readonly IDataChannelEndpointProvider _endpoints;
    private readonly WebSocketConnectorOptions _options;

    public WebSocketConnector(IDataChannelEndpointProvider endpoints, WebSocketConnectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _endpoints = endpoints;
        _options = options ?? WebSocketConnectorOptions.Default;
    }

    public WebSocketConnector(
        Func<bool, CancellationToken, ValueTask<DataChannelEndpoint>> endpoints,
        WebSocketConnectorOptions? options = null)
        : this(new DelegateEndpointProvider(endpoints), options)
    {
    }

    public async Task<DataChannelConnection> ConnectAsync(bool resume, CancellationToken cancellationToken)
    {
        var endpoint = await GetEndpointAsync(resume, cancellationToken);
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
            socket.Options.KeepAliveTimeout = _options.KeepAliveTimeout;
            socket.Options.CollectHttpResponseDetails = true;
            foreach (var (name, value) in endpoint.Headers ?? new Dictionary<string, string>())
            {
                socket.Options.SetRequestHeader(name, value);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            CoalescingStream connection;
            timeout.CancelAfter(_options.ConnectTimeout);
            try
            {
                connection = await CoalescingWebSocketDialer.ConnectAsync(socket, endpoint.StreamUrl, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TransportException(
                    $"connecting to {endpoint.StreamUrl.Host} timed out after {_options.ConnectTimeout}", isTransient: true);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException)
            {
                var status = socket.HttpStatusCode;
                var detail = status == 0 ? string.Empty : $" (HTTP {(int)status})";
                throw new TransportException(
                    $"connecting to {endpoint.StreamUrl.Host} failed{detail}: {ex.Message}", IsTransient(status), ex);
            }

            return new DataChannelConnection(new WebSocketMessageTransport(socket, _options.MaxMessageSize, connection), endpoint.TokenValue);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<DataChannelEndpoint> GetEndpointAsync(bool resume, CancellationToken cancellationToken)
    {
        try
        {
            return await _endpoints.GetEndpointAsync(resume, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException)
        {
            throw new TransportException($"could not obtain the data channel endpoint: {ex.Message}", isTransient: true, ex);
        }
    }

    /// <summary>An upgrade refused for auth or a missing session will not succeed on retry; the rest may.</summary>
    private static bool IsTransient(HttpStatusCode status) => (int)status switch
    {
        0 => true,
        408 or 429 => true,
        >= 400 and < 500 => false,
        _ => true,
    };

    private sealed class DelegateEndpointProvider(Func<bool, CancellationToken, ValueTask<DataChannelEndpoint>> endpoints)
        : IDataChannelEndpointProvider
    {
        public ValueTask<DataChannelEndpoint> GetEndpointAsync(bool resume, CancellationToken cancellationToken) =>
            endpoints(resume, cancellationToken);
    }
}
