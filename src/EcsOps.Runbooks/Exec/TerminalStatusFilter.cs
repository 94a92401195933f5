using System.Text;

namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Passes the terminal output of a <see cref="TerminalCommand"/> through unchanged except for its two sequences, which
/// it removes: the ready sequence (<c>ESC ] ecsops-ready;NONCE BEL</c>) and the exit-status sequence
/// (<c>ESC ] ecsops-exit;NONCE;STATUS BEL</c>), whose status it reads. Output arrives split anywhere, so bytes that
/// may be the start of a sequence are held back until they prove to be something else.
/// </summary>
public sealed class TerminalStatusFilter(string nonce)
{
    private const byte Escape = 0x1b;
    private const byte Bell = 0x07;
    private const int MaxStatusDigits = 3;

    private readonly byte[] _ready = Encoding.ASCII.GetBytes("\u001b]ecsops-ready;" + nonce + "\u0007");
    private readonly byte[] _exitPrefix = Encoding.ASCII.GetBytes("\u001b]ecsops-exit;" + nonce + ";");
    private readonly List<byte> _held = [];

    /// <summary>The command's exit status once the sequence has been seen.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>What of <paramref name="chunk"/> (and of what was held back) is output.</summary>
    public byte[] Filter(ReadOnlySpan<byte> chunk)
    {
        var output = new List<byte>(chunk.Length + _held.Count);
        foreach (var b in chunk)
        {
            if (ExitCode is not null)
            {
                output.Add(b);
            }
            else if (ContinuesReady(b) || ContinuesExit(b))
            {
                _held.Add(b);
                TryComplete();
            }
            else
            {
                output.AddRange(_held);
                _held.Clear();
                if (b == Escape)
                {
                    _held.Add(b);
                }
                else
                {
                    output.Add(b);
                }
            }
        }

        return [.. output];
    }

    /// <summary>At the end of the output: whatever was held back, since no sequence followed.</summary>
    public byte[] Flush()
    {
        var rest = _held.ToArray();
        _held.Clear();
        return rest;
    }

    private bool ContinuesReady(byte b) => _held.Count < _ready.Length && _ready[_held.Count] == b && Agrees(_ready);

    private bool ContinuesExit(byte b)
    {
        if (_held.Count < _exitPrefix.Length)
        {
            return b == _exitPrefix[_held.Count] && Agrees(_exitPrefix);
        }

        var digits = _held.Count - _exitPrefix.Length;
        return Agrees(_exitPrefix) && (char.IsAsciiDigit((char)b) ? digits < MaxStatusDigits : b == Bell && digits > 0);
    }

    /// <summary>
    /// True when what is held and <paramref name="sequence"/> agree as far as both go (both sequences share a start, and
    /// the exit status's digits follow its prefix).
    /// </summary>
    private bool Agrees(byte[] sequence)
    {
        for (var i = 0; i < Math.Min(_held.Count, sequence.Length); i++)
        {
            if (_held[i] != sequence[i])
            {
                return false;
            }
        }

        return true;
    }

    private void TryComplete()
    {
        if (_held.Count == _ready.Length && Agrees(_ready))
        {
            _held.Clear();
            return;
        }

        if (_held[^1] != Bell || _held.Count <= _exitPrefix.Length || !Agrees(_exitPrefix))
        {
            return;
        }

        var digits = Encoding.ASCII.GetString(_held.ToArray(), _exitPrefix.Length, _held.Count - _exitPrefix.Length - 1);
        ExitCode = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        _held.Clear();
    }
}
