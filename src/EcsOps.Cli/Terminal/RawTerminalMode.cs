using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EcsOps.Cli.Terminal;

/// <summary>
/// Puts the terminal on stdin into raw mode (no echo, no line editing, no signals from keys: Ctrl-C arrives as
/// 0x03 and goes to the container) and restores the saved settings on dispose. Dispose on every exit path.
/// </summary>
internal sealed class RawTerminalMode : IDisposable
{
    private readonly int _fd;
    private readonly byte[] _saved;
    private int _restored;

    private RawTerminalMode(int fd, byte[] saved)
    {
        _fd = fd;
        _saved = saved;
    }

    /// <summary>Enters raw mode on <paramref name="fd"/>; null when it is not a terminal.</summary>
    /// <exception cref="IOException">The terminal refused the new settings.</exception>
    public static RawTerminalMode? Enter(int fd = TerminalNative.StandardInput)
    {
        if (TerminalNative.IsATty(fd) != 1)
        {
            return null;
        }

        var saved = new byte[TerminalNative.TermiosBufferLength];
        if (TerminalNative.TcGetAttr(fd, saved) != 0)
        {
            return null;
        }

        var raw = (byte[])saved.Clone();
        TerminalNative.CfMakeRaw(raw);
        if (TerminalNative.TcSetAttr(fd, TerminalNative.TcsaNow, raw) != 0)
        {
            throw new IOException($"could not put the terminal into raw mode (errno {Marshal.GetLastPInvokeError()})");
        }

        return new RawTerminalMode(fd, saved);
    }

    /// <summary>
    /// The terminal's input as a plain unbuffered stream. Not <see cref="Console.OpenStandardInput()"/>: on a terminal,
    /// .NET switches its own termios settings in and out around every read, which would undo raw mode.
    /// </summary>
    public Stream OpenInput() => new FileStream(new SafeFileHandle(_fd, ownsHandle: false), FileAccess.Read, bufferSize: 0);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _restored, 1) == 0)
        {
            _ = TerminalNative.TcSetAttr(_fd, TerminalNative.TcsaNow, _saved);
        }
    }
}
