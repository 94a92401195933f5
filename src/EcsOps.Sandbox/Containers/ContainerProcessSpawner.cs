namespace EcsOps.Sandbox.Containers;

/// <summary>
/// Starts real local processes in a container: in its working directory, with its environment, on a PTY
/// (shells) or on pipes (commands). Terminal sessions also get TERM=xterm-256color and LANG=C.UTF-8 unless the
/// container sets LANG, as the SSM agent gives them.
/// </summary>
public static class ContainerProcessSpawner
{
    /// <summary>The program <see cref="ContainerProcessStart"/> with an empty argv runs.</summary>
    public const string DefaultShell = "/bin/sh";

    /// <summary>Starts <paramref name="start"/> in <paramref name="container"/>.</summary>
    /// <exception cref="ContainerProcessStartException">The program is not found or the process cannot be started.</exception>
    public static IContainerProcess Spawn(ContainerContext container, ContainerProcessStart start)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(start);
        IReadOnlyList<string> argv = start.Argv.Count == 0 ? [DefaultShell] : start.Argv;
        var environment = new Dictionary<string, string>(container.Environment, StringComparer.Ordinal);
        if (start.UsePty)
        {
            environment["TERM"] = "xterm-256color";
            environment.TryAdd("LANG", "C.UTF-8");
        }

        var executable = ExecutableSearch.Resolve(argv[0], environment, container.WorkingDirectory);
        return start.UsePty
            ? PtyContainerProcess.Start(executable, argv, environment, container.WorkingDirectory, start.Columns, start.Rows)
            : PipedContainerProcess.Start(executable, argv, environment, container.WorkingDirectory, withInput: true);
    }
}
