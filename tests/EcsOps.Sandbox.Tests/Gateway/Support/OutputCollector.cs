using System.Text;
using EcsOps.Protocol.Sessions;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>Reads a shell session's output in the background, so a test can await "output contains X" or "output ended".</summary>
public sealed class OutputCollector
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Expected, int From, TaskCompletionSource Seen)> _waiters = [];

    public OutputCollector(ShellSessionClient shell) => Completion = ReadAsync(shell);

    /// <summary>Completes when the output has ended (the channel closed).</summary>
    public Task Completion { get; }

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>
    /// Completes once <paramref name="expected"/> appears at or after character <paramref name="from"/>, with the
    /// index just past it; fails if the output ends without it.
    /// </summary>
    public async Task<int> WaitForAsync(string expected, int from = 0)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_text)
        {
            if (Find(expected, from) is { } end)
            {
                return end;
            }

            if (Completion.IsCompleted)
            {
                throw new InvalidOperationException($"output ended without '{expected}': {_text}");
            }

            _waiters.Add((expected, from, seen));
        }

        try
        {
            await seen.Task.WithinTestDeadline();
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{expected}' did not appear; output so far:\n{Text}");
        }

        lock (_text)
        {
            return Find(expected, from)!.Value;
        }
    }

    /// <summary>Must hold the lock.</summary>
    private int? Find(string expected, int from)
    {
        var found = _text.ToString().IndexOf(expected, Math.Min(from, _text.Length), StringComparison.Ordinal);
        return found < 0 ? null : found + expected.Length;
    }

    private async Task ReadAsync(ShellSessionClient shell)
    {
        // One decoder for the whole stream: a character may be split across two messages.
        var decoder = Encoding.UTF8.GetDecoder();
        try
        {
            await foreach (var chunk in shell.ReadOutputAsync(TestDeadline.Token()))
            {
                var chars = new char[decoder.GetCharCount(chunk.Span, flush: false)];
                decoder.GetChars(chunk.Span, chars, flush: false);
                lock (_text)
                {
                    _text.Append(chars);
                    foreach (var waiter in _waiters.Where(w => Find(w.Expected, w.From) is not null).ToList())
                    {
                        waiter.Seen.TrySetResult();
                        _waiters.Remove(waiter);
                    }
                }
            }
        }
        finally
        {
            lock (_text)
            {
                foreach (var waiter in _waiters)
                {
                    waiter.Seen.TrySetException(new InvalidOperationException($"output ended without '{waiter.Expected}': {_text}"));
                }

                _waiters.Clear();
            }
        }
    }
}
