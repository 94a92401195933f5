namespace EcsOps.Sandbox.Containers;

/// <summary>How to start a process inside a container, as the exec agent asks for one.</summary>
/// <param name="Argv">The program and its arguments; empty means the container's shell (/bin/sh).</param>
/// <param name="UsePty">True for shells and interactive commands (a real PTY, controlling terminal);
/// false for non-interactive commands (separate stdout and stderr pipes).</param>
/// <param name="Columns">Initial terminal width when <paramref name="UsePty"/>.</param>
/// <param name="Rows">Initial terminal height when <paramref name="UsePty"/>.</param>
public sealed record ContainerProcessStart(IReadOnlyList<string> Argv, bool UsePty, int Columns = 80, int Rows = 24);
