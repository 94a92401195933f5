using System.Threading.Channels;
using EcsOps.Server.Engine;

namespace EcsOps.Server.Jobs;

/// <summary>
/// Stores a running job's output. Lines queue in memory and a single writer appends whatever has accumulated in one
/// batch, so a chatty command costs few statements and a quiet one shows up at once. Past
/// <see cref="MaxStoredBytes"/> lines are counted, not stored.
/// </summary>
public sealed class StoredJobOutput : IJobOutput, IAsyncDisposable
{
    /// <summary>How much output one run keeps (the page and the API show it; Slack shows the tail).</summary>
    public const long MaxStoredBytes = 1024 * 1024;

    private readonly IJobStore _store;
    private readonly string _jobId;
    private readonly Channel<OutputLine> _lines = Channel.CreateUnbounded<OutputLine>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _nextSequence;
    private long _storedBytes;
    private long _droppedLines;

    /// <param name="firstSequence">The number of the first line (after the lines of an earlier attempt).</param>
    public StoredJobOutput(IJobStore store, string jobId, long firstSequence)
    {
        _store = store;
        _jobId = jobId;
        _nextSequence = firstSequence;
        _writer = WriteLoopAsync();
    }

    /// <summary>True when lines were dropped for size.</summary>
    public bool Truncated => Interlocked.Read(ref _droppedLines) > 0;

    public void WriteLine(OutputStream stream, string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_lines)
        {
            if (_storedBytes + line.Length > MaxStoredBytes)
            {
                _droppedLines++;
                return;
            }

            _storedBytes += line.Length;
            _lines.Writer.TryWrite(new OutputLine(_nextSequence++, stream, line));
        }
    }

    /// <summary>Notes the truncation (if any) as the last line and waits until everything is stored.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lines)
        {
            if (_droppedLines > 0)
            {
                _lines.Writer.TryWrite(new OutputLine(
                    _nextSequence++, OutputStream.Info, $"[ecsops: {_droppedLines} more lines not stored: a run keeps at most {MaxStoredBytes / 1024} KiB of output]"));
            }

            _lines.Writer.TryComplete();
        }

        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<OutputLine>();
        while (await _lines.Reader.WaitToReadAsync())
        {
            while (_lines.Reader.TryRead(out var line))
            {
                batch.Add(line);
            }

            await _store.AppendOutputAsync(_jobId, batch, CancellationToken.None);
            batch.Clear();
        }
    }
}
