using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Channels;

/// <summary>
/// Opens sockets for a data channel: connect, then send the OpenDataChannel TEXT frame before anyone
/// else may use the transport. Reconnects retry with <see cref="ReconnectBackoff"/> within a budget.
/// </summary>
internal sealed class DataChannelDialer
{
    private readonly DataChannelRole _role;
    private readonly IDataChannelConnector _connector;
    private readonly DataChannelOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly string _clientId;

    public DataChannelDialer(
        DataChannelRole role,
        IDataChannelConnector connector,
        DataChannelOptions options,
        TimeProvider timeProvider,
        string clientId)
    {
        _role = role;
        _connector = connector;
        _options = options;
        _timeProvider = timeProvider;
        _clientId = clientId;
    }

    /// <summary>One attempt: connect and greet. The transport is disposed if greeting fails.</summary>
    public async Task<IMessageTransport> ConnectAsync(bool resume, CancellationToken cancellationToken)
    {
        var connection = await _connector.ConnectAsync(resume, cancellationToken);
        try
        {
            var open = DataChannelFrames.OpenDataChannel(_role, _options, _clientId, connection.TokenValue);
            await connection.Transport.SendAsync(open, TransportMessageKind.Text, cancellationToken);
            return connection.Transport;
        }
        catch
        {
            await connection.Transport.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Reconnects (resume = true) until an attempt succeeds, an error is not transient, or the budget is
    /// spent; then throws a non-transient <see cref="TransportException"/> carrying the last error.
    /// </summary>
    public async Task<IMessageTransport> ReconnectAsync(Exception cause, CancellationToken cancellationToken)
    {
        var budget = _options.ReconnectBudget;
        var started = _timeProvider.GetTimestamp();
        var backoff = new ReconnectBackoff();
        var lastError = cause;
        while (true)
        {
            var remaining = budget - _timeProvider.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero)
            {
                using var budgetTimeout = new CancellationTokenSource(remaining, _timeProvider);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budgetTimeout.Token);
                try
                {
                    return await ConnectAsync(resume: true, attempt.Token);
                }
                catch (TransportException ex) when (ex.IsTransient)
                {
                    lastError = ex;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    lastError = new TransportException("a reconnect attempt outlasted the reconnect budget", isTransient: true);
                }
            }

            var delay = backoff.NextDelay();
            if (_timeProvider.GetElapsedTime(started) + delay >= budget)
            {
                throw new TransportException(
                    $"the data channel could not reconnect within {budget}: {lastError.Message}",
                    isTransient: false,
                    lastError);
            }

            await Task.Delay(delay, _timeProvider, cancellationToken);
        }
    }
}
