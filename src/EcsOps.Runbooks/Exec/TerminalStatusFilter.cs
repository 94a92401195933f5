using System.Text;

namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Passes the terminal output of a <see cref="TerminalCommand"/> through unchanged except for its exit-status
/// sequence (<c>ESC ] ecsops-exit;NONCE;STATUS BEL</c>), which it removes and reads. Output arrives split anywhere,
/// so bytes that may be the start of the sequence are held back until they prove to be something else.
/// </summary>
public sealed class TerminalStatusFilter(string nonce)
{
    private const byte Escape = 0x1b;
    private const byte Bell = 0x07;
    private const int MaxStatusDigits = 3;

    private readonly byte[] _prefix = Encoding.ASCII.GetBytes("\u001b]ecsops-exit;" + nonce + ";");
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
            else if (Continues(b))
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

    private bool Continues(byte b)
    {
        if (_held.Count < _prefix.Length)
        {
            return b == _prefix[_held.Count];
        }

        var digits = _held.Count - _prefix.Length;
        return char.IsAsciiDigit((char)b) ? digits < MaxStatusDigits : b == Bell && digits > 0;
    }

    private void TryComplete()
    {
        if (_held[^1] != Bell || _held.Count <= _prefix.Length)
        {
            return;
        }

        var digits = Encoding.ASCII.GetString(_held.ToArray(), _prefix.Length, _held.Count - _prefix.Length - 1);
        ExitCode = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        _held.Clear();
    }
}
