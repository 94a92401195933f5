using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Smux;

namespace EcsOps.Protocol.Sessions.Port;

/// <summary>
/// What both ends of a multiplexed port session share: the smux session over the channel's Output byte
/// stream, and the receive-dispatch loop that feeds that stream and hands Flag messages to the owner.
/// Payload encryption is not used on port sessions.
/// </summary>
internal sealed class MuxPortTunnel : IAsyncDisposable
{
    private readonly IStreamDataChannel _channel;
    private readonly DataChannelStream _stream;
    private readonly Action<SessionFlag> _onFlag;
    private readonly CancellationTokenSource _ended = new();
    private readonly Task _dispatch;

    public MuxPortTunnel(
        IStreamDataChannel channel,
        bool isClient,
        SmuxConfig config,
        TimeProvider? timeProvider,
        Action<SessionFlag> onFlag)
    {
        _channel = channel;
        _onFlag = onFlag;
        _stream = new DataChannelStream(channel);
        Session = isClient
            ? SmuxSession.Client(_stream, config, timeProvider)
            : SmuxSession.Server(_stream, config, timeProvider);
        var ended = _ended.Token;
        _dispatch = Task.Run(() => DispatchAsync(ended), CancellationToken.None);
        _ = CancelWhenSessionEndsAsync();
    }

    public SmuxSession Session { get; }

    /// <summary>Cancelled once the smux session has ended, whatever the reason.</summary>
    public CancellationToken Ended => _ended.Token;

    public ValueTask SendFlagAsync(SessionFlag flag, CancellationToken cancellationToken) =>
        _channel.SendAsync(PayloadType.Flag, SessionFlagPayload.Encode(flag), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await _ended.CancelAsync();
        await _dispatch;
        _stream.Dispose();
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            while (await _channel.ReceiveAsync(cancellationToken) is { } message)
            {
                switch (message.PayloadType)
                {
                    case PayloadType.Output:
                        await _stream.DeliverAsync(message.Payload, cancellationToken);
                        break;
                    case PayloadType.Flag when SessionFlagPayload.TryDecode(message.Payload.Span, out var flag):
                        _onFlag(flag);
                        break;
                    default:
                        // After the handshake nothing else has a meaning on a port session.
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            // The smux session sees end of stream (or the channel's failure) and ends with it.
            _stream.CompleteDelivery(failure);
        }
    }

    private async Task CancelWhenSessionEndsAsync()
    {
        await Session.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _ended.CancelAsync();
    }
}
