using System.Runtime.InteropServices;

namespace EcsOps.Sandbox.Containers.Native;

/// <summary>
/// A spawned session leader: its exit status, signals to its process group, and the final sweep of its session.
/// A dedicated thread blocks in waitid(WNOWAIT) until the child exits, without reaping it: while the zombie
/// stays, its pid (which is also the session id) cannot be reused, so <see cref="TerminateAsync"/> can signal
/// "session <see cref="Id"/>" without hitting a stranger. The zombie is reaped at the end of the sweep.
/// </summary>
internal sealed class ChildProcess
{
    private static readonly TimeSpan s_sweepDeadline = TimeSpan.FromSeconds(5);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Task? _termination;

    private ChildProcess(int id)
    {
        Id = id;
    }

    public int Id { get; }

    /// <summary>The exit code, or 128 + signal number when a signal ended the process (as a shell reports it).</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Starts watching a child this process spawned.</summary>
    public static ChildProcess Watch(int pid)
    {
        var child = new ChildProcess(pid);
        var watcher = new Thread(child.WaitForExit)
        {
            IsBackground = true,
            Name = $"container-wait-{pid}",
        };
        watcher.Start();
        return child;
    }

    /// <summary>Signals the child's process group (it leads one); ignored once the group is gone.</summary>
    public void SignalGroup(int signal) => SignalGroup(Id, signal);

    /// <summary>Signals process group <paramref name="processGroup"/>; ignored once the group is gone.</summary>
    public static void SignalGroup(int processGroup, int signal)
    {
        if (processGroup > 1)
        {
            LibC.Kill(-processGroup, signal);
        }
    }

    /// <summary>
    /// Kills every process of the child's session (SIGKILL), waits for them to die, and reaps the child.
    /// Idempotent; when it completes, nothing the child started in its session is alive.
    /// </summary>
    public Task TerminateAsync()
    {
        lock (_gate)
        {
            return _termination ??= Task.Run(TerminateAsyncCore);
        }
    }

    private async Task TerminateAsyncCore()
    {
        if (!Exited.IsCompleted)
        {
            ProcessSession.Kill(Id, LibC.SIGKILL);
        }

        await Exited;

        // The leader is a zombie now: its session id is still reserved, so the sweep is safe.
        var members = ProcessSession.Kill(Id, LibC.SIGKILL);
        ProcessSession.WaitForExit(members, s_sweepDeadline);
        Reap();
    }

    private unsafe void Reap()
    {
        int status;
        while (LibC.WaitPid(Id, &status, LibC.WNOHANG) < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR)
        {
        }
    }

    private unsafe void WaitForExit()
    {
        var info = stackalloc byte[LibC.SigInfoSize];
        while (true)
        {
            new Span<byte>(info, LibC.SigInfoSize).Clear();
            if (LibC.WaitId(LibC.P_PID, Id, info, LibC.WEXITED | LibC.WNOWAIT) == 0)
            {
                var code = *(int*)(info + LibC.SigInfoCodeOffset);
                var status = *(int*)(info + LibC.SigInfoStatusOffset);
                _exited.TrySetResult(code == LibC.CLD_EXITED ? status : 128 + status);
                return;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error != LibC.EINTR)
            {
                // ECHILD: someone else reaped it (only possible if SIGCHLD was ignored when the runtime started).
                _exited.TrySetResult(255);
                return;
            }
        }
    }
}
