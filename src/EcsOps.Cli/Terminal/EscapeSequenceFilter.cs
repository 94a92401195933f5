namespace EcsOps.Cli.Terminal;

/// <summary>
/// ssh's escape: <c>~.</c> typed at the start of a line leaves the session; <c>~~</c> sends one <c>~</c>. Anything
/// else after a line-start <c>~</c> is sent with the <c>~</c> in front, so ordinary typing is never lost.
/// </summary>
public sealed class EscapeSequenceFilter
{
    private const byte Tilde = (byte)'~';
    private const byte Dot = (byte)'.';

    private bool _atLineStart = true;
    private bool _pendingTilde;

    /// <summary>Set once <c>~.</c> was typed; bytes after it are dropped.</summary>
    public bool LeaveRequested { get; private set; }

    /// <summary>The bytes of <paramref name="input"/> to send on; a held <c>~</c> waits for the next byte.</summary>
    public byte[] Filter(ReadOnlySpan<byte> input)
    {
        var output = new List<byte>(input.Length + 1);
        foreach (var b in input)
        {
            if (LeaveRequested)
            {
                break;
            }

            if (_pendingTilde)
            {
                _pendingTilde = false;
                if (b == Dot)
                {
                    LeaveRequested = true;
                    break;
                }

                output.Add(Tilde);
                if (b == Tilde)
                {
                    _atLineStart = false;
                    continue;
                }
            }
            else if (b == Tilde && _atLineStart)
            {
                _pendingTilde = true;
                continue;
            }

            output.Add(b);
            _atLineStart = b is (byte)'\r' or (byte)'\n';
        }

        return [.. output];
    }
}
