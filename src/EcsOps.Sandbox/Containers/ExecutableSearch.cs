using EcsOps.Sandbox.Containers.Native;

namespace EcsOps.Sandbox.Containers;

/// <summary>Finds argv[0] the way a container runtime does: a path as given (relative to the working directory), a bare name on the container's PATH.</summary>
internal static class ExecutableSearch
{
    /// <summary>The PATH of a container whose environment sets none (Docker's default).</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <exception cref="ContainerProcessStartException">Not found or not executable.</exception>
    public static string Resolve(string program, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        if (program.Length == 0)
        {
            throw new ContainerProcessStartException("exec: no command");
        }

        if (program.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(program, workingDirectory);
            return IsExecutable(path)
                ? path
                : throw new ContainerProcessStartException($"exec: \"{program}\": no such executable file");
        }

        var search = environment.GetValueOrDefault("PATH") ?? DefaultPath;
        foreach (var directory in search.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(Path.GetFullPath(directory, workingDirectory), program);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        throw new ContainerProcessStartException($"exec: \"{program}\": executable file not found in $PATH");
    }

    private static bool IsExecutable(string path) => File.Exists(path) && LibC.Access(path, LibC.X_OK) == 0;
}
