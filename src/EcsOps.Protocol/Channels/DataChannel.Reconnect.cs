using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Channels;

// Reconnect: replace a lost socket, keeping sequence numbers and both buffers.
public sealed partial class DataChannel
{
    /// <summary>Replaces a lost socket; false when the channel ended instead.</summary>
    private async Task<bool> ResumeAsync(ChannelConnection lost, TransportException cause)
    {
        lost.Fail(cause);
        lock (_gate)
        {
            if (_state != DataChannelState.Open)
            {
                return false;
            }
        }

        if (!_options.Reconnect || !cause.IsTransient)
        {
            Break(cause);
            return false;
        }

        if (!TransitionTo(DataChannelState.Resuming))
        {
            return false;
        }

        await CloseQuietlyAsync(lost);
        IMessageTransport transport;
        try
        {
            transport = await _dialer.ReconnectAsync(cause, _lifetime.Token);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            Break(ex);
            return false;
        }

        var next = new ChannelConnection(transport, _lifetime.Token);
        lock (_gate)
        {
            if (_state == DataChannelState.Resuming)
            {
                _connection = next;
                _window.RewindForNewConnection();
                _paused = false;
                _silenceClockStart = Now;
                next = null;
            }
        }

        if (next is not null)
        {
            await next.DisposeAsync();
            return false;
        }

        _counters.Reconnected();
        return TransitionTo(DataChannelState.Open);
    }

    private async Task CloseQuietlyAsync(ChannelConnection connection)
    {
        try
        {
            using var timeout = new CancellationTokenSource(s_closeTimeout, _timeProvider);
            await connection.Transport.CloseAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is TransportException or OperationCanceledException)
        {
            // It is already broken; closing is a courtesy.
        }

        await connection.DisposeAsync();
    }
}
