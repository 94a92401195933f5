using System.Threading.Channels;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Tests.Support;

/// <summary>
/// A loss-free in-memory pair of <see cref="IStreamDataChannel"/> ends, for testing session logic apart
/// from the reliability layer. End-to-end tests use the real DataChannel over a lossy link instead.
/// </summary>
internal sealed class PerfectStreamDataChannel : IStreamDataChannel
{
    private readonly Channel<StreamData> _inbox = Channel.CreateBounded<StreamData>(1024);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PerfectStreamDataChannel _peer = null!;
    private long _nextSequence;

    private PerfectStreamDataChannel(DataChannelRole role) => Role = role;

    public DataChannelRole Role { get; }

    public ChannelClosedContent? ClosedBy { get; private set; }

    public Task Completion => _completion.Task;

    public static (PerfectStreamDataChannel Client, PerfectStreamDataChannel Agent) CreatePair()
    {
        var client = new PerfectStreamDataChannel(DataChannelRole.Client);
        var agent = new PerfectStreamDataChannel(DataChannelRole.Agent);
        client._peer = agent;
        agent._peer = client;
        return (client, agent);
    }

    public async ValueTask SendAsync(PayloadType payloadType, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var sequence = Interlocked.Increment(ref _nextSequence) - 1;
        await _peer._inbox.Writer.WriteAsync(new StreamData(payloadType, sequence, payload.ToArray()), cancellationToken);
    }

    public async ValueTask<StreamData?> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (await _inbox.Reader.WaitToReadAsync(cancellationToken))
        {
            if (_inbox.Reader.TryRead(out var data))
            {
                return data;
            }
        }

        return null;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What the service does when the session ends: both ends see channel_closed.</summary>
    public void CloseFromService(string output = "")
    {
        foreach (var end in new[] { this, _peer })
        {
            end.ClosedBy = new ChannelClosedContent(
                Guid.NewGuid().ToString(), "0", "target", "session", MessageType.ChannelClosed, 1, output);
            end._inbox.Writer.TryComplete();
            end._completion.TrySetResult();
        }
    }
}
