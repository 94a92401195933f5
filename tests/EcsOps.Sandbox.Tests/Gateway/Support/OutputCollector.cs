using System.Text;
using EcsOps.Protocol.Sessions;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>Reads a shell session's output in the background, so a test can await "output contains X" or "output ended".</summary>
public sealed class OutputCollector
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Expected, TaskCompletionSource Seen)> _waiters = [];

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

    /// <summary>Completes once the output contains <paramref name="expected"/>; fails if the output ends without it.</summary>
    public Task WaitForAsync(string expected)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_text)
        {
            if (_text.ToString().Contains(expected, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            if (Completion.IsCompleted)
            {
                return Task.FromException(new InvalidOperationException($"output ended without '{expected}': {_text}"));
            }

            _waiters.Add((expected, seen));
        }

        return seen.Task.WithinDeadline();
    }

    private async Task ReadAsync(ShellSessionClient shell)
    {
        try
        {
            await foreach (var chunk in shell.ReadOutputAsync(TestDeadline.Token()))
            {
                lock (_text)
                {
                    _text.Append(Encoding.UTF8.GetString(chunk.Span));
                    var text = _text.ToString();
                    foreach (var waiter in _waiters.Where(w => text.Contains(w.Expected, StringComparison.Ordinal)).ToList())
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
