namespace EcsOps.Sandbox.Containers.Native;

/// <summary>
/// A process to start as the leader of a new session: the resolved executable, argv (argv[0] included),
/// the complete environment, the working directory, and what its descriptors 0, 1 and 2 are.
/// </summary>
internal sealed record SpawnRequest(
    string Executable,
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    ChildStdio Stdio);

/// <summary>The child's standard descriptors.</summary>
internal abstract record ChildStdio
{
    /// <summary>
    /// The PTY slave at <paramref name="Path"/> opened as descriptor 0 (without O_NOCTTY, so that it becomes the
    /// controlling terminal of the new session) and duplicated to 1 and 2.
    /// </summary>
    public sealed record Terminal(string Path) : ChildStdio;

    /// <summary>
    /// Pipe ends duplicated to 0, 1 and 2; a null <paramref name="Input"/> opens /dev/null instead.
    /// The parent's descriptors are all close-on-exec, so nothing else leaks into the child.
    /// </summary>
    public sealed record Pipes(int? Input, int Output, int Error) : ChildStdio;
}
