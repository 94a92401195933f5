using System.Text;

namespace EcsOps.Sandbox.Tests.Support;

/// <summary>
/// Reads a process's output to the end in the background and lets a test await text in it (with a deadline)
/// instead of sleeping.
/// </summary>
public sealed class OutputRecorder
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(15);
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<(string Expected, int From, TaskCompletionSource Seen)> _waiters = [];

    public OutputRecorder(Stream output)
    {
        Completion = Task.Run(() => PumpAsync(output));
    }

    /// <summary>Completes when the stream reports end of output.</summary>
    public Task Completion { get; }

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Waits until <paramref name="expected"/> appears at or after character <paramref name="from"/>; returns where it ends.</summary>
    public async Task<int> WaitForAsync(string expected, int from = 0)
    {
        TaskCompletionSource seen;
        lock (_gate)
        {
            var found = _text.ToString().IndexOf(expected, from, StringComparison.Ordinal);
            if (found >= 0)
            {
                return found + expected.Length;
            }

            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((expected, from, seen));
        }

        try
        {
            await seen.Task.WaitAsync(s_deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{expected}' did not appear; output so far:\n{Text}");
        }

        lock (_gate)
        {
            return _text.ToString().IndexOf(expected, from, StringComparison.Ordinal) + expected.Length;
        }
    }

    private async Task PumpAsync(Stream output)
    {
        var buffer = new byte[4096];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        int read;
        while ((read = await output.ReadAsync(buffer)) > 0)
        {
            var count = decoder.GetChars(buffer, 0, read, chars, 0);
            lock (_gate)
            {
                _text.Append(chars, 0, count);
                var text = _text.ToString();
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (text.IndexOf(_waiters[i].Expected, _waiters[i].From, StringComparison.Ordinal) >= 0)
                    {
                        _waiters[i].Seen.TrySetResult();
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }
    }
}
