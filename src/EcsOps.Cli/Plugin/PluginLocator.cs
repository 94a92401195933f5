using EcsOps.Aws.Sessions;

namespace EcsOps.Cli.Plugin;

/// <summary>Finds the session-manager-plugin executable: the path given, or the first one on PATH.</summary>
public static class PluginLocator
{
    /// <param name="requested">Empty to search PATH; otherwise the path from <c>--plugin</c>.</param>
    /// <param name="pathVariable">The PATH to search.</param>
    /// <exception cref="UserFacingException">No executable plugin there (exit 255).</exception>
    public static string Locate(string requested, string? pathVariable)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (requested.Length > 0)
        {
            return IsExecutable(requested)
                ? Path.GetFullPath(requested)
                : throw NotFound($"{requested} is not an executable file");
        }

        foreach (var directory in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, SessionManagerPlugin.ExecutableName);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        throw NotFound($"{SessionManagerPlugin.ExecutableName} is not on PATH");
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    private static UserFacingException NotFound(string why) =>
        new($"--plugin: the session-manager-plugin was not found ({why}). Install it (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html), "
            + "give its path with --plugin /path/to/session-manager-plugin, or leave --plugin out to use ecsops's own session client.",
            ExitCodes.EcsOpsError);
}
