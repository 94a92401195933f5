using Microsoft.Win32.SafeHandles;

namespace EcsOps.Cli.Hosting;

/// <summary>The real process streams: no encoding, no buffering.</summary>
public sealed class ConsoleStandardStreams : IStandardStreams
{
    public static readonly ConsoleStandardStreams Instance = new();

    public bool IsInputRedirected => Console.IsInputRedirected;

    public bool IsOutputRedirected => Console.IsOutputRedirected;

    public bool IsErrorRedirected => Console.IsErrorRedirected;

    public Stream OpenStandardInput() => Console.OpenStandardInput();

    /// <summary>
    /// When stdout is a pipe or socket, a stream straight over file descriptor 1: <see cref="Console.OpenStandardOutput()"/>
    /// pretends writes to a closed pipe succeeded, which would keep <c>ecsops exec -- cat big | head</c> running to
    /// the end; this one fails with EPIPE, so we stop at once.
    /// </summary>
    public Stream OpenStandardOutput() => OpenPipe(1) ?? Console.OpenStandardOutput();

    public Stream OpenStandardError() => OpenPipe(2) ?? Console.OpenStandardError();

    /// <summary>
    /// Null unless the descriptor is a pipe or socket. A file stays with the console stream: FileStream writes a
    /// seekable file at its own position (pwrite), which would not move the offset the shell shares with the next
    /// command writing to the same file.
    /// </summary>
    private static FileStream? OpenPipe(int descriptor)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        if (!stream.CanSeek && !IsTerminal(descriptor))
        {
            return stream;
        }

        stream.Dispose();
        return null;
    }

    private static bool IsTerminal(int descriptor) => descriptor == 1 ? !Console.IsOutputRedirected : !Console.IsErrorRedirected;
}
