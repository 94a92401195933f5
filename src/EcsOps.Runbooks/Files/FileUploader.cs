using System.IO.Pipelines;
using System.Security.Cryptography;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Files;

/// <summary>
/// Copies a local file or directory into a container, in two exec sessions: a preflight that finds where the copy
/// lands and refuses an existing destination before any byte is sent (unless forced), then the transfer. The SHA-256
/// of what is sent (the file, or the directory's tar stream) is computed first and checked by the container before
/// anything is renamed into place, so a failed or altered transfer never replaces the destination.
/// </summary>
public sealed class FileUploader(ContainerCommandRunner remote, ICopyProgress progress)
{
    /// <summary>Stdin spooled for an upload gets this mode.</summary>
    public const UnixFileMode StandardInputMode = (UnixFileMode)0x1A4; // 0644

    private const int AnswerLimit = 64 * 1024;

    private string ContainerPath => remote.Container.Path;

    /// <summary>Uploads the file or directory at <paramref name="localPath"/> (a symlink there is followed).</summary>
    /// <exception cref="CopyException">The copy cannot be done or failed; the destination is as it was.</exception>
    public async Task<CopyResult> UploadAsync(string localPath, string remotePath, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(localPath);
        ArgumentNullException.ThrowIfNull(remotePath);
        var source = Path.GetFullPath(LocalPaths.Expand(localPath));
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(source));
        if (Directory.Exists(source))
        {
            var destination = await PreflightAsync(remotePath, name, CopyItemKind.Directory, force, cancellationToken);
            return await SendDirectoryAsync(source, destination.Path, force, cancellationToken);
        }

        if (File.Exists(source))
        {
            var destination = await PreflightAsync(remotePath, name, CopyItemKind.File, force, cancellationToken);
            return await SendFileAsync(source, LocalPaths.GetMode(source), destination.Path, force, cancellationToken);
        }

        throw new CopyException($"{localPath}: no such file or directory");
    }

    /// <summary>
    /// Uploads <paramref name="input"/> as one file: it is read to its end into a private temporary file first, so that
    /// its SHA-256 is known before sending and a broken pipe cannot leave half a file in the container.
    /// </summary>
    public async Task<CopyResult> UploadStreamAsync(Stream input, string remotePath, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(remotePath);
        var spool = Path.Combine(Path.GetTempPath(), $"ecsops-cp-{LocalPaths.NewNonce()}.stdin");
        try
        {
            await using (var file = new FileStream(spool, LocalPaths.NewPrivateFile()))
            {
                await input.CopyToAsync(file, cancellationToken);
            }

            var destination = await PreflightAsync(remotePath, "", CopyItemKind.File, force, cancellationToken);
            return await SendFileAsync(spool, StandardInputMode, destination.Path, force, cancellationToken);
        }
        finally
        {
            LocalPaths.DeleteQuietly(spool);
        }
    }

    private async Task<RemoteDestination> PreflightAsync(
        string remotePath, string name, CopyItemKind kind, bool force, CancellationToken cancellationToken)
    {
        var answer = await remote.RunScriptAsync(RemoteFileScripts.Preflight, [remotePath, name], AnswerLimit, cancellationToken);
        if (answer.ExitCode != 0)
        {
            throw RemoteCopyErrors.For(answer.ExitCode, answer.Error, remotePath, ContainerPath, "nothing was sent");
        }

        var destination = RemoteDestination.Parse(answer.Output.Lines);
        var where = $"{ContainerPath}:{destination.Path}";
        if (destination.MissingTools.Count > 0)
        {
            throw new CopyException($"the container has no {string.Join(", ", destination.MissingTools)}, which cp needs (coreutils or busybox)");
        }

        if (destination.Parent == "missing")
        {
            throw new CopyException($"{ContainerPath}:{Path.GetDirectoryName(destination.Path)} does not exist; create it first");
        }

        if (destination.Parent == "readonly")
        {
            throw new CopyException(
                $"{ContainerPath}:{Path.GetDirectoryName(destination.Path)} is not writable (a read-only root file system needs a volume, e.g. EFS)");
        }

        if (name.Length == 0 && destination.Existing == "directory")
        {
            throw new CopyException($"{where} is a directory; name the file to write standard input to");
        }

        if (kind == CopyItemKind.File && destination.Existing == "directory")
        {
            throw new CopyException($"{where} is a directory; a file cannot replace it");
        }

        if (kind == CopyItemKind.Directory && destination.Existing is "file" or "other")
        {
            throw new CopyException($"{where} exists and is not a directory; a directory cannot replace it");
        }

        if (kind == CopyItemKind.File && destination.Existing == "other")
        {
            throw new CopyException($"{where} is neither a regular file nor a directory; not replacing it");
        }

        if (destination.Exists && !force)
        {
            throw new CopyException($"{where} exists; add --force to replace it");
        }

        return destination;
    }

    private async Task<CopyResult> SendFileAsync(string source, UnixFileMode mode, string target, bool force, CancellationToken cancellationToken)
    {
        string expected;
        long length;
        await using (var first = OpenRead(source))
        {
            length = first.Length;
            expected = Convert.ToHexStringLower(await SHA256.HashDataAsync(first, cancellationToken));
        }

        progress.Begin($"{Path.GetFileName(source)} → {ContainerPath}:{target}", length);
        await using var input = new TransferStream(OpenRead(source), progress, endOnReadError: true);
        var answer = await RunTransferAsync(RemoteFileScripts.UploadFile, input, target, expected, mode, force, cancellationToken);
        if (input.ReadFailure is { } failure)
        {
            throw new CopyException($"reading {source} failed: {failure.Message}; nothing was replaced in the container", failure);
        }

        return Verify(answer, target, expected, input.FinishHash(), CopyItemKind.File, input.Count, []);
    }

    private async Task<CopyResult> SendDirectoryAsync(string source, string target, bool force, CancellationToken cancellationToken)
    {
        // The tar stream is written twice: once to learn its SHA-256 (and size), once to send. The writer is
        // deterministic, so the two agree unless the tree changed in between, which the container then rejects.
        string expected;
        long length;
        await using (var measure = new TransferStream(Stream.Null, NoCopyProgress.Instance))
        {
            await DirectoryTarWriter.WriteAsync(source, measure, cancellationToken);
            length = measure.Count;
            expected = measure.FinishHash();
        }

        progress.Begin($"{Path.GetFileName(source)}/ → {ContainerPath}:{target}", length);
        var pipe = new Pipe();
        using var stopProducing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var produce = ProduceTarAsync(source, pipe.Writer, stopProducing.Token);
        await using var input = new TransferStream(pipe.Reader.AsStream(), progress, endOnReadError: true);
        CapturedCommand answer;
        try
        {
            answer = await RunTransferAsync(RemoteFileScripts.UploadDirectory, input, target, expected, LocalPaths.GetMode(source), force, cancellationToken);
        }
        finally
        {
            // The container stops reading when it fails early; the rest of the tree need not be read.
            await stopProducing.CancelAsync();
            await pipe.Reader.CompleteAsync();
        }

        var (skipped, failure) = await produce;
        if (failure is not null and not OperationCanceledException)
        {
            throw new CopyException($"reading {source} failed: {failure.Message}; nothing was replaced in the container", failure);
        }

        return Verify(answer, target, expected, input.FinishHash(), CopyItemKind.Directory, input.Count, skipped);
    }

    /// <summary>
    /// Writes the tar stream into the pipe. A failure ends the stream early instead of failing the pipe: the container
    /// must always see an end of input, and a short stream never passes its checksum.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Skipped, Exception? Failure)> ProduceTarAsync(
        string source, PipeWriter writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using var stream = writer.AsStream(leaveOpen: true);
            var skipped = await DirectoryTarWriter.WriteAsync(source, stream, cancellationToken);
            return (skipped, null);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or OperationCanceledException or InvalidOperationException)
        {
            return ([], error);
        }
        finally
        {
            await writer.CompleteAsync();
        }
    }

    private async Task<CapturedCommand> RunTransferAsync(
        string script, Stream input, string target, string expected, UnixFileMode mode, bool force, CancellationToken cancellationToken)
    {
        using var output = new CaptureStream(AnswerLimit);
        using var error = new CaptureStream(AnswerLimit);
        var argv = ContainerCommandRunner.ShellScript(
            script, [target, expected, LocalPaths.ToOctal(mode), force ? "1" : "0", LocalPaths.NewNonce()]);
        var status = await remote.RunAsync(argv, new ExecStreams(input, output, error), cancellationToken);
        return new CapturedCommand(status, output.ToCapture(), error.ToCapture());
    }

    private CopyResult Verify(
        CapturedCommand answer, string target, string expected, string sent, CopyItemKind kind, long bytes, IReadOnlyList<string> skipped)
    {
        if (answer.ExitCode == RemoteFileScripts.ChecksumMismatch && sent != expected)
        {
            throw new CopyException($"the local {(kind == CopyItemKind.File ? "file" : "directory")} changed during the copy; "
                + $"nothing was replaced at {ContainerPath}:{target}. Copy it again once it is stable");
        }

        if (answer.ExitCode != 0)
        {
            throw RemoteCopyErrors.For(answer.ExitCode, answer.Error, target, ContainerPath, "nothing was replaced");
        }

        var confirmed = answer.Output.Lines.LastOrDefault(l => l.StartsWith("H ", StringComparison.Ordinal))?[2..];
        if (confirmed != expected)
        {
            throw new CopyException(
                $"the container did not confirm the checksum of {ContainerPath}:{target} (said: {answer.Output.Text.Trim()}); check the file there");
        }

        return new CopyResult(target, kind, bytes, expected, skipped);
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: true);
}
