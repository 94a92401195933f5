using System.Threading.Channels;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Tests.Support;

/// <summary>
/// An <see cref="IDataChannelConnector"/> that gives the channel a fresh in-memory link per connect and
/// hands the far end to the test as a <see cref="ScriptedPeer"/>. <see cref="FailWith"/> makes connects
/// fail instead (per call, told whether it is a resume).
/// </summary>
internal sealed class ScriptedConnector : IDataChannelConnector
{
    private readonly Channel<ScriptedPeer> _peers = Channel.CreateUnbounded<ScriptedPeer>();
    private readonly System.Collections.Concurrent.ConcurrentQueue<bool> _resumeFlags = new();
    private int _connects;

    public Func<bool, Exception?>? FailWith { get; set; }

    public int Attempts => Volatile.Read(ref _connects);

    /// <summary>The resume argument of every connect, in order.</summary>
    public IReadOnlyCollection<bool> ResumeFlags => _resumeFlags;

    public Task<DataChannelConnection> ConnectAsync(bool resume, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _connects);
        _resumeFlags.Enqueue(resume);
        if (FailWith?.Invoke(resume) is { } failure)
        {
            return Task.FromException<DataChannelConnection>(failure);
        }

        var (channelEnd, wire) = InMemoryMessageTransport.CreatePair();
        var token = $"token-{attempt}";
        _peers.Writer.TryWrite(new ScriptedPeer(wire, channelEnd, token));
        return Task.FromResult(new DataChannelConnection(channelEnd, token));
    }

    /// <summary>The far end of the next connection the channel makes.</summary>
    public Task<ScriptedPeer> NextPeerAsync() => _peers.Reader.ReadAsync(TestDeadline.Token()).AsTask().WithinTestDeadline();
}
