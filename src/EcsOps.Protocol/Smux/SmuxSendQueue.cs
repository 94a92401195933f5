using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace EcsOps.Protocol.Smux;

/// <summary>
/// Frames waiting for the send loop, control frames (SYN, NOP) ahead of data. FIN travels with the data so
/// that it can never overtake the stream's last PSH (smux sends its EOF mark the same way).
/// </summary>
internal sealed class SmuxSendQueue : IDisposable
{
    private readonly ConcurrentQueue<SmuxSendRequest> _control = new();
    private readonly ConcurrentQueue<SmuxSendRequest> _data = new();

    // One count per enqueued request; a count may outlive its request when FailAll drained it first.
    private readonly SemaphoreSlim _queued = new(0);

    public void Enqueue(SmuxSendRequest request, bool isControl)
    {
        (isControl ? _control : _data).Enqueue(request);
        _queued.Release();
    }

    /// <summary>Waits for the next request, control first.</summary>
    public async ValueTask<SmuxSendRequest> DequeueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _queued.WaitAsync(cancellationToken);
            if (TryTakeNext(out var request))
            {
                return request;
            }
        }
    }

    /// <summary>The next request if one is queued right now.</summary>
    public bool TryDequeue([NotNullWhen(true)] out SmuxSendRequest? request)
    {
        while (_queued.Wait(0))
        {
            if (TryTakeNext(out request))
            {
                return true;
            }
        }

        request = null;
        return false;
    }

    /// <summary>Fails every queued request whose caller is still waiting.</summary>
    public void FailAll(Exception error)
    {
        foreach (var queue in new[] { _control, _data })
        {
            while (queue.TryDequeue(out var request))
            {
                request.Fail(error);
            }
        }
    }

    public void Dispose() => _queued.Dispose();

    private bool TryTakeNext([NotNullWhen(true)] out SmuxSendRequest? request) =>
        _control.TryDequeue(out request) || _data.TryDequeue(out request);
}
