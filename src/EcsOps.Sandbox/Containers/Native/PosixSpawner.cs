using System.Runtime.InteropServices;

namespace EcsOps.Sandbox.Containers.Native;

/// <summary>
/// Starts processes with glibc's posix_spawn, the fork-free way to start a child from a multi-threaded runtime.
/// Every child leads a new session (POSIX_SPAWN_SETSID), so it and everything it starts can be signalled and
/// swept as one; it starts with an empty signal mask and default dispositions for the standard signals
/// (the .NET runtime ignores SIGPIPE, which exec would otherwise pass on).
/// </summary>
internal static unsafe class PosixSpawner
{
    private const string DevNull = "/dev/null";

    /// <summary>Starts the process and returns its id.</summary>
    /// <exception cref="ContainerProcessStartException">posix_spawn failed (missing executable, bad directory, ...).</exception>
    public static int Spawn(SpawnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fileActions = NativeMemory.AllocZeroed(LibC.SpawnFileActionsSize);
        var attributes = NativeMemory.AllocZeroed(LibC.SpawnAttributesSize);
        var signalMask = NativeMemory.AllocZeroed(LibC.SignalSetSize);
        var signalDefaults = NativeMemory.AllocZeroed(LibC.SignalSetSize);
        var strings = new List<nint>();
        byte* Native(string value)
        {
            var pointer = NativeStringArray.Allocate(value);
            strings.Add((nint)pointer);
            return pointer;
        }

        using var argv = new NativeStringArray(request.Argv);
        using var envp = new NativeStringArray(request.Environment.Select(e => $"{e.Key}={e.Value}").ToList());
        Check(LibC.SpawnFileActionsInit(fileActions), "posix_spawn_file_actions_init");
        Check(LibC.SpawnAttributesInit(attributes), "posix_spawnattr_init");
        try
        {
            switch (request.Stdio)
            {
                case ChildStdio.Terminal terminal:
                    // Opened after setsid (glibc runs the file actions after POSIX_SPAWN_SETSID): the first terminal
                    // a session leader opens without O_NOCTTY becomes its controlling terminal.
                    Check(LibC.SpawnFileActionsAddOpen(fileActions, 0, Native(terminal.Path), LibC.O_RDWR, 0), "addopen");
                    Check(LibC.SpawnFileActionsAddDup2(fileActions, 0, 1), "adddup2");
                    Check(LibC.SpawnFileActionsAddDup2(fileActions, 0, 2), "adddup2");
                    break;
                case ChildStdio.Pipes pipes:
                    if (pipes.Input is { } input)
                    {
                        Check(LibC.SpawnFileActionsAddDup2(fileActions, input, 0), "adddup2");
                    }
                    else
                    {
                        Check(LibC.SpawnFileActionsAddOpen(fileActions, 0, Native(DevNull), LibC.O_RDONLY, 0), "addopen");
                    }

                    Check(LibC.SpawnFileActionsAddDup2(fileActions, pipes.Output, 1), "adddup2");
                    Check(LibC.SpawnFileActionsAddDup2(fileActions, pipes.Error, 2), "adddup2");
                    break;
                default:
                    throw new ArgumentException("unknown stdio kind", nameof(request));
            }

            Check(LibC.SpawnFileActionsAddChdir(fileActions, Native(request.WorkingDirectory)), "addchdir_np");
            _ = LibC.SignalSetEmpty(signalMask);
            _ = LibC.SignalSetEmpty(signalDefaults);
            for (var signal = 1; signal <= LibC.LastStandardSignal; signal++)
            {
                if (signal is not (LibC.SIGKILL or LibC.SIGSTOP))
                {
                    _ = LibC.SignalSetAdd(signalDefaults, signal);
                }
            }

            Check(LibC.SpawnAttributesSetSignalMask(attributes, signalMask), "setsigmask");
            Check(LibC.SpawnAttributesSetSignalDefault(attributes, signalDefaults), "setsigdefault");
            Check(LibC.SpawnAttributesSetFlags(attributes,
                LibC.POSIX_SPAWN_SETSID | LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF), "setflags");

            int pid;
            var error = LibC.PosixSpawn(&pid, Native(request.Executable), fileActions, attributes, argv.Pointer, envp.Pointer);
            if (error != 0)
            {
                throw new ContainerProcessStartException(
                    $"cannot start {request.Executable} in {request.WorkingDirectory}: {LibC.Describe(error)}");
            }

            return pid;
        }
        finally
        {
            _ = LibC.SpawnFileActionsDestroy(fileActions);
            _ = LibC.SpawnAttributesDestroy(attributes);
            NativeMemory.Free(fileActions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(signalMask);
            NativeMemory.Free(signalDefaults);
            foreach (var pointer in strings)
            {
                NativeMemory.Free((void*)pointer);
            }
        }
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new ContainerProcessStartException($"{call} failed: {LibC.Describe(error)}");
        }
    }
}
