using System.Globalization;
using System.Runtime.InteropServices;

namespace EcsOps.Sandbox.Containers.Native;

/// <summary>
/// The processes of one session, found through /proc: every container process leads a session, and whatever
/// it starts (pipelines, background jobs, orphans re-parented to init) stays in it unless it calls setsid.
/// </summary>
internal static class ProcessSession
{
    /// <summary>Sends <paramref name="signal"/> to every process of session <paramref name="sessionId"/>; returns their ids.</summary>
    public static IReadOnlyList<int> Kill(int sessionId, int signal)
    {
        var members = Members(sessionId);
        foreach (var pid in members)
        {
            LibC.Kill(pid, signal);
        }

        return members;
    }

    /// <summary>The ids of live (not zombie) processes of the session.</summary>
    public static IReadOnlyList<int> Members(int sessionId)
    {
        var members = new List<int>();
        var self = Environment.ProcessId;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || pid == self || pid <= 1)
            {
                continue;
            }

            if (TryReadSession(pid, out var state, out var session) && session == sessionId && state != 'Z')
            {
                members.Add(pid);
            }
        }

        return members;
    }

    /// <summary>
    /// Waits until each process has exited (is a zombie or gone), through pidfds, for at most
    /// <paramref name="deadline"/> in all. Blocks the calling thread.
    /// </summary>
    public static unsafe void WaitForExit(IReadOnlyList<int> pids, TimeSpan deadline)
    {
        var until = Environment.TickCount64 + (long)deadline.TotalMilliseconds;
        foreach (var pid in pids)
        {
            var pidfd = (int)LibC.SysCall(LibC.SYS_pidfd_open, pid, 0);
            if (pidfd < 0)
            {
                continue; // ESRCH: already gone.
            }

            try
            {
                var poll = new LibC.PollDescriptor { Descriptor = pidfd, Events = LibC.POLLIN };
                while (true)
                {
                    var remaining = until - Environment.TickCount64;
                    if (remaining <= 0 || LibC.Poll(&poll, 1, (int)remaining) >= 0 || Marshal.GetLastPInvokeError() != LibC.EINTR)
                    {
                        break;
                    }
                }
            }
            finally
            {
                LibC.Close(pidfd);
            }
        }
    }

    /// <summary>Reads state and session id from /proc/&lt;pid&gt;/stat ("pid (comm) state ppid pgrp session ...").</summary>
    internal static bool TryReadSession(int pid, out char state, out int session)
    {
        state = '?';
        session = 0;
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // comm may contain spaces and parentheses: the fields resume after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 4 || fields[0].Length != 1)
        {
            return false;
        }

        state = fields[0][0];
        return int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out session);
    }
}
