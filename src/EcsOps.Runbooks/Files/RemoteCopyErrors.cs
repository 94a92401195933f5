using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Files;

/// <summary>Turns the exit status and stderr of a <see cref="RemoteFileScripts"/> script into a <see cref="CopyException"/>.</summary>
public static class RemoteCopyErrors
{
    /// <summary>The stderr lines that are not protocol (<c>H …</c>), joined: what the remote tools said.</summary>
    public static string ToolMessages(CapturedBytes error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var lines = error.Lines.Where(l => !l.StartsWith("H ", StringComparison.Ordinal) && l.Trim().Length > 0).Take(5);
        return string.Join("; ", lines.Select(l => l.Trim()));
    }

    /// <summary>The failure for a non-zero exit status.</summary>
    /// <param name="exitCode">The script's status.</param>
    /// <param name="error">The script's stderr.</param>
    /// <param name="path">The container path concerned.</param>
    /// <param name="container">The container, for messages.</param>
    /// <param name="untouched">What the user should know was left alone (e.g. "nothing was replaced").</param>
    public static CopyException For(int exitCode, CapturedBytes error, string path, string container, string untouched)
    {
        var said = ToolMessages(error);
        var detail = said.Length > 0 ? $" ({said})" : "";
        return exitCode switch
        {
            RemoteFileScripts.Exists => new CopyException($"{container}:{path} exists; add --force to replace it"),
            RemoteFileScripts.NotADirectory => new CopyException($"{container}:{path} is not a directory{detail}"),
            RemoteFileScripts.NoSuchSource => new CopyException($"{container}:{path}: no such file or directory"),
            RemoteFileScripts.UnsupportedSource => new CopyException($"{container}:{path} is neither a regular file nor a directory"),
            RemoteFileScripts.CannotCreate => new CopyException(
                $"cannot write next to {container}:{path}{detail}; is the directory writable (a read-only root file system needs a volume, e.g. EFS)? {untouched}"),
            RemoteFileScripts.ChecksumMismatch => new CopyException(
                $"the bytes that arrived in {container} do not match the bytes sent (SHA-256){detail}; {untouched}"),
            WrappedCommandRunner.InterruptedExitStatus => new CopyException($"the copy was interrupted; {untouched}", interrupted: true),
            _ => new CopyException($"the copy of {container}:{path} failed in the container (exit {exitCode}){detail}; {untouched}"),
        };
    }
}
