namespace EcsOps.Protocol.Smux;

/// <summary>
/// smux keepalive: a NOP every <see cref="SmuxConfig.KeepAliveInterval"/>, and every
/// <see cref="SmuxConfig.KeepAliveTimeout"/> a check that something arrived since the previous check;
/// the first check that finds nothing closes the session. A receive loop paused by a full receive buffer
/// is not silence, so that case never closes. Timers come from the injected <see cref="TimeProvider"/>.
/// </summary>
internal static class SmuxKeepAlive
{
    public static async Task RunAsync(SmuxSession session, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(
                SendNopsAsync(session, timeProvider, cancellationToken),
                CheckReceivingAsync(session, timeProvider, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task SendNopsAsync(SmuxSession session, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var ticker = new PeriodicTimer(session.Config.KeepAliveInterval, timeProvider);
        while (await ticker.WaitForNextTickAsync(cancellationToken))
        {
            session.SendNop();
        }
    }

    private static async Task CheckReceivingAsync(SmuxSession session, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var timeout = session.Config.KeepAliveTimeout;
        using var ticker = new PeriodicTimer(timeout, timeProvider);
        while (await ticker.WaitForNextTickAsync(cancellationToken))
        {
            if (!session.TakeReceivedSinceCheck() && !session.IsReceiveStalled)
            {
                session.Close(new TimeoutException($"smux keepalive: nothing received for {timeout.TotalSeconds:0.###} s"));
                return;
            }

            session.OnKeepAliveCheckPassed();
        }
    }
}
