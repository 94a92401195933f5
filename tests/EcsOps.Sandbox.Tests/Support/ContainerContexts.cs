using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Containers.Native;

namespace EcsOps.Sandbox.Tests.Support;

/// <summary>Stand-alone container contexts (a temporary working directory, a small environment) and process checks.</summary>
public static class ContainerContexts
{
    public static ContainerContext Temporary(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null) => new(
        "111111111111", "us-east-1", "test-cluster", "arn:aws:ecs:us-east-1:111111111111:task/test-cluster/0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef", "app", "0123456789abcdef0123456789abcdef-1", workingDirectory,
        environment ?? new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = workingDirectory, ["PS1"] = "$ " });

    /// <summary>True while <paramref name="pid"/> is a live process (not a zombie, not gone).</summary>
    public static bool IsAlive(int pid) => ProcessSession.TryReadSession(pid, out var state, out _) && state != 'Z';

    /// <summary>
    /// True once session leader <paramref name="pid"/> and everything it started in its session (background jobs
    /// included) are gone.
    /// </summary>
    public static bool IsSessionGone(int pid) => !IsAlive(pid) && ProcessSession.Members(pid).Count == 0;

    /// <summary>
    /// Waits (through pidfds, no polling) until each of <paramref name="pids"/> has exited or <paramref name="deadline"/>
    /// has passed; the caller then asserts what it expects.
    /// </summary>
    public static Task WaitForExitAsync(IReadOnlyList<int> pids, TimeSpan deadline) =>
        Task.Factory.StartNew(() => ProcessSession.WaitForExit(pids, deadline), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
