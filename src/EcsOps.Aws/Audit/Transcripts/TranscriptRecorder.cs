using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace EcsOps.Aws.Audit.Transcripts;

/// <summary>
/// Records an interactive session on the operator's side as asciicast v2, cut into numbered parts that are stored
/// while the session runs: part 0 (the header alone) before the session starts, proving the store takes writes, then
/// a part whenever <see cref="TranscriptOptions.PartSize"/> bytes or <see cref="TranscriptOptions.PartInterval"/>
/// have gone by, and the rest at <see cref="CompleteAsync"/>. Every part is a complete asciicast file (header with
/// the size at the time, event times from the start of the session), so a killed client loses one part at most.
/// </summary>
public sealed class TranscriptRecorder : ISessionTranscript, IAsyncDisposable
{
    private readonly ITranscriptStore _store;
    private readonly string _runId;
    private readonly TranscriptOptions _options;
    private readonly AsciicastHeader _header;
    private readonly long _started;
    private readonly Lock _lock = new();
    private readonly MemoryStream _part = new();
    private readonly Decoder _output = new UTF8Encoding(false, false).GetDecoder();
    private readonly Decoder _input = new UTF8Encoding(false, false).GetDecoder();
    private readonly Channel<(int Number, byte[] Content)> _pending = Channel.CreateUnbounded<(int, byte[])>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SortedDictionary<int, string> _stored = [];
    private readonly List<string> _failures = [];
    private readonly Task _uploader;
    private readonly ITimer _timer;
    private (int Columns, int Rows) _size;
    private (int Columns, int Rows) _partSize;
    private long _partStarted;
    private int _nextPart = 1;
    private bool _completed;

    private TranscriptRecorder(ITranscriptStore store, string runId, TranscriptOptions options, AsciicastHeader header)
    {
        _store = store;
        _runId = runId;
        _options = options;
        _header = header;
        _size = _partSize = (header.Width, header.Height);
        _started = _partStarted = options.TimeProvider.GetTimestamp();
        _uploader = Task.Run(UploadLoopAsync);
        _timer = options.TimeProvider.CreateTimer(_ => CutIfOld(), null, options.PartInterval, options.PartInterval);
    }

    /// <summary>Starts a recording and stores part 0; throws when the store does not take it (the session must not start).</summary>
    public static async Task<TranscriptRecorder> StartAsync(
        ITranscriptStore store, string runId, AsciicastHeader header, TranscriptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(options);
        var first = await store.PutAsync(runId, 0, AsciicastFormat.HeaderLine(header), cancellationToken);
        var recorder = new TranscriptRecorder(store, runId, options, header);
        lock (recorder._lock)
        {
            recorder._stored[0] = first;
        }

        return recorder;
    }

    public void Output(ReadOnlySpan<byte> bytes) => Record(AsciicastEvent.Output, _output, bytes);

    public void Input(ReadOnlySpan<byte> bytes)
    {
        if (_options.RecordInput)
        {
            Record(AsciicastEvent.Input, _input, bytes);
        }
    }

    public void Resize(int columns, int rows)
    {
        lock (_lock)
        {
            if (_completed || (columns, rows) == _size)
            {
                return;
            }

            _size = (columns, rows);
            Append(AsciicastEvent.Resize, string.Create(CultureInfo.InvariantCulture, $"{columns}x{rows}"));
        }
    }

    /// <summary>Stores what is left and waits for every part; failures are reported, not thrown.</summary>
    public async Task<TranscriptSummary> CompleteAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_completed)
            {
                _completed = true;
                FlushDecoder(AsciicastEvent.Output, _output);
                FlushDecoder(AsciicastEvent.Input, _input);
                Cut();
                _pending.Writer.TryComplete();
            }
        }

        await _timer.DisposeAsync();
        await _uploader.WaitAsync(cancellationToken);
        lock (_lock)
        {
            return new TranscriptSummary([.. _stored.Values], [.. _failures]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _completed = true;
            _pending.Writer.TryComplete();
        }

        await _timer.DisposeAsync();
        await _uploader;
        _part.Dispose();
    }

    private void Record(string code, Decoder decoder, ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            if (_completed || bytes.IsEmpty)
            {
                return;
            }

            var text = AsciicastFormat.Decode(decoder, bytes, flush: false);
            if (text.Length > 0)
            {
                Append(code, text);
            }
        }
    }

    private void FlushDecoder(string code, Decoder decoder)
    {
        var rest = AsciicastFormat.Decode(decoder, [], flush: true);
        if (rest.Length > 0)
        {
            Append(code, rest);
        }
    }

    /// <summary>Adds an event to the current part; cuts it when it is full. Call under the lock.</summary>
    private void Append(string code, string data)
    {
        if (_part.Length == 0)
        {
            _partStarted = _options.TimeProvider.GetTimestamp();
            _partSize = _size;
        }

        var seconds = _options.TimeProvider.GetElapsedTime(_started).TotalSeconds;
        _part.Write(AsciicastFormat.EventLine(new AsciicastEvent(seconds, code, data)));
        if (_part.Length >= _options.PartSize)
        {
            Cut();
        }
    }

    private void CutIfOld()
    {
        lock (_lock)
        {
            if (!_completed && _part.Length > 0 && _options.TimeProvider.GetElapsedTime(_partStarted) >= _options.PartInterval)
            {
                Cut();
            }
        }
    }

    /// <summary>Queues the current part (header with the size at its start, then its events). Call under the lock.</summary>
    private void Cut()
    {
        if (_part.Length == 0)
        {
            return;
        }

        var header = AsciicastFormat.HeaderLine(_header with { Width = _partSize.Columns, Height = _partSize.Rows });
        var content = new byte[header.Length + _part.Length];
        header.CopyTo(content, 0);
        _part.GetBuffer().AsSpan(0, (int)_part.Length).CopyTo(content.AsSpan(header.Length));
        _part.SetLength(0);
        _pending.Writer.TryWrite((_nextPart++, content));
    }

    private async Task UploadLoopAsync()
    {
        await foreach (var (number, content) in _pending.Reader.ReadAllAsync())
        {
            try
            {
                var uri = await _store.PutAsync(_runId, number, content, CancellationToken.None);
                lock (_lock)
                {
                    _stored[number] = uri;
                }
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                var failure = $"transcript part {number} of run {_runId} ({content.Length} bytes) was not stored: {error.Message}";
                lock (_lock)
                {
                    _failures.Add(failure);
                }

                _options.Warn?.Invoke(failure);
            }
        }
    }
}
