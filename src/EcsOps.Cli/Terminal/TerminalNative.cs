using System.Runtime.InteropServices;

namespace EcsOps.Cli.Terminal;

/// <summary>The few libc calls the interactive shell needs: termios for raw mode, isatty, and the window size.</summary>
internal static partial class TerminalNative
{
    /// <summary>
    /// Room for a <c>struct termios</c> on any Unix we run on (60 bytes on Linux, 72 on macOS). We never read its
    /// fields: it is saved, handed to cfmakeraw, and restored, so an opaque buffer is enough.
    /// </summary>
    public const int TermiosBufferLength = 256;

    /// <summary>tcsetattr: apply now, keeping typed-ahead input (TCSAFLUSH would drop it).</summary>
    public const int TcsaNow = 0;

    public const int StandardInput = 0;
    public const int StandardOutput = 1;

    private static readonly nuint s_getWindowSizeRequest = OperatingSystem.IsMacOS() ? 0x40087468u : 0x5413u;

    [LibraryImport("libc", EntryPoint = "isatty")]
    public static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int TcGetAttr(int fd, [Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int TcSetAttr(int fd, int optionalActions, [In] byte[] termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void CfMakeRaw([In, Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int IoctlWindowSize(int fd, nuint request, out WindowSize size);

    /// <summary>The terminal's size in characters, or null when <paramref name="fd"/> is not a terminal.</summary>
    public static (ushort Columns, ushort Rows)? GetWindowSize(int fd) =>
        IoctlWindowSize(fd, s_getWindowSizeRequest, out var size) == 0 && size.Columns > 0 && size.Rows > 0
            ? (size.Columns, size.Rows)
            : null;

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }
}
