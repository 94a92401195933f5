using System.Runtime.InteropServices;
using System.Text;

namespace EcsOps.Sandbox.Containers.Native;

/// <summary>
/// A PTY pair: the master as a <see cref="DescriptorStream"/> and the slave's path for the child to open.
/// posix_openpt rather than openpty: the master is close-on-exec from the start and the parent never holds the
/// slave open, so once the child and its descendants are gone the master reads EIO (end of output) instead of
/// waiting on a slave descriptor that leaked into some other child.
/// </summary>
internal sealed class Pseudoterminal : IDisposable
{
    private Pseudoterminal(DescriptorStream master, DescriptorStream keyboard, string slavePath)
    {
        Master = master;
        Keyboard = keyboard;
        SlavePath = slavePath;
    }

    /// <summary>Everything the child writes to its terminal (and the descriptor for ioctls).</summary>
    public DescriptorStream Master { get; }

    /// <summary>
    /// The child's keyboard: a duplicate of the master descriptor, so that disposing it (a writer done with its
    /// input) leaves the output readable.
    /// </summary>
    public DescriptorStream Keyboard { get; }

    /// <summary>E.g. /dev/pts/3.</summary>
    public string SlavePath { get; }

    /// <summary>Opens a PTY pair with the given window size.</summary>
    public static unsafe Pseudoterminal Open(int columns, int rows)
    {
        var master = LibC.PosixOpenPt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        if (master < 0)
        {
            throw new ContainerProcessStartException("posix_openpt failed: " + LibC.Describe(Marshal.GetLastPInvokeError()));
        }

        var keyboard = -1;
        try
        {
            if (LibC.GrantPt(master) != 0 || LibC.UnlockPt(master) != 0)
            {
                throw new ContainerProcessStartException("grantpt/unlockpt failed: " + LibC.Describe(Marshal.GetLastPInvokeError()));
            }

            var name = stackalloc byte[256];
            var error = LibC.PtsNameR(master, name, 256);
            if (error != 0)
            {
                throw new ContainerProcessStartException("ptsname_r failed: " + LibC.Describe(error));
            }

            SetWindowSize(master, columns, rows);
            var slavePath = Encoding.ASCII.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));
            keyboard = LibC.FcntlInt(master, LibC.F_DUPFD_CLOEXEC, 3);
            if (keyboard < 0)
            {
                throw new ContainerProcessStartException("fcntl(F_DUPFD_CLOEXEC) failed: " + LibC.Describe(Marshal.GetLastPInvokeError()));
            }

            return new Pseudoterminal(new DescriptorStream(master, FileAccess.Read), new DescriptorStream(keyboard, FileAccess.Write), slavePath);
        }
        catch
        {
            LibC.Close(master);
            if (keyboard >= 0)
            {
                LibC.Close(keyboard);
            }

            throw;
        }
    }

    /// <summary>TIOCSWINSZ on the master: the kernel applies it to the pair and sends SIGWINCH to the foreground group.</summary>
    public void Resize(int columns, int rows) => WithDescriptor(fd => SetWindowSize(fd, columns, rows));

    /// <summary>The terminal's foreground process group (the job Ctrl-C would reach), or null.</summary>
    public unsafe int? ForegroundProcessGroup()
    {
        int? group = null;
        WithDescriptor(fd =>
        {
            int value;
            if (LibC.IoctlInt(fd, LibC.TIOCGPGRP, &value) == 0 && value > 1)
            {
                group = value;
            }
        });
        return group;
    }

    public void Dispose()
    {
        Keyboard.Dispose();
        Master.Dispose();
    }

    private void WithDescriptor(Action<int> action)
    {
        var handle = Master.Handle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            action((int)handle.DangerousGetHandle());
        }
        catch (ObjectDisposedException)
        {
            // The terminal is closed: nothing to resize or signal.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static unsafe void SetWindowSize(int fd, int columns, int rows)
    {
        var size = new LibC.WindowSize
        {
            Columns = (ushort)Math.Clamp(columns, 0, ushort.MaxValue),
            Rows = (ushort)Math.Clamp(rows, 0, ushort.MaxValue),
        };
        LibC.IoctlWindowSize(fd, LibC.TIOCSWINSZ, &size);
    }
}
