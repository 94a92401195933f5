using System.IO.Pipelines;
using System.Text;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Files;

/// <summary>
/// Copies a file or directory out of a container in one exec session (<see cref="RemoteFileScripts.Download"/>): the
/// bytes land in a temporary name next to the destination, hashed as they arrive, and are renamed into place only when
/// the SHA-256 the container computed over the same bytes matches. An existing destination is refused before anything
/// is asked of the container, unless forced; a failure leaves it as it was and removes the temporary copy.
/// </summary>
public sealed class FileDownloader(ContainerCommandRunner remote, ICopyProgress progress)
{
    private const int ErrorLimit = 64 * 1024;
    private const int MaxHeaderLength = 64;

    private string ContainerPath => remote.Container.Path;

    /// <summary>Downloads <paramref name="remotePath"/> to <paramref name="localPath"/> (into it, when it is a directory).</summary>
    /// <exception cref="CopyException">The copy cannot be done or failed; the destination is as it was.</exception>
    public async Task<CopyResult> DownloadAsync(string remotePath, string localPath, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remotePath);
        ArgumentNullException.ThrowIfNull(localPath);
        var target = ResolveTarget(remotePath, LocalPaths.Expand(localPath), force);
        var nonce = LocalPaths.NewNonce();
        var landing = new LocalDownloadLanding(target, LocalPaths.Sibling(target, nonce, "tmp"));
        try
        {
            var received = await ReceiveAsync(remotePath, landing, cancellationToken);
            Commit(landing, received, force, nonce);
            return new CopyResult(target, received.Kind, received.Bytes, received.Sha256, received.Skipped);
        }
        finally
        {
            LocalPaths.DeleteQuietly(landing.TemporaryPath);
        }
    }

    /// <summary>
    /// Downloads a single file to <paramref name="output"/> (standard output). Bytes are written as they arrive, so a
    /// checksum mismatch is reported after the fact, as an error.
    /// </summary>
    public async Task<CopyResult> DownloadToStreamAsync(string remotePath, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remotePath);
        ArgumentNullException.ThrowIfNull(output);
        var received = await ReceiveAsync(remotePath, new StreamDownloadLanding(output), cancellationToken);
        return new CopyResult("-", received.Kind, received.Bytes, received.Sha256, []);
    }

    private static string ResolveTarget(string remotePath, string localPath, bool force)
    {
        var intoDirectory = Directory.Exists(localPath) || localPath.EndsWith('/');
        if (intoDirectory && !Directory.Exists(localPath))
        {
            throw new CopyException($"{localPath} is not a directory");
        }

        string target;
        if (intoDirectory)
        {
            var name = RemotePaths.Name(remotePath)
                ?? throw new CopyException($"cannot name a copy of '{remotePath}' inside {localPath}; give the new name, e.g. {localPath.TrimEnd('/')}/NAME");
            target = Path.Combine(localPath, name);
        }
        else
        {
            target = localPath;
        }

        target = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(target);
        if (parent is null || !Directory.Exists(parent))
        {
            throw new CopyException($"{parent}: no such directory; create it first");
        }

        if (!force && LocalPaths.Exists(target))
        {
            throw new CopyException($"{target} exists; add --force to replace it");
        }

        return target;
    }

    private async Task<DownloadedItem> ReceiveAsync(string remotePath, IDownloadLanding landing, CancellationToken cancellationToken)
    {
        var pipe = new Pipe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var error = new CaptureStream(ErrorLimit);
        var consume = ConsumeAsync(pipe.Reader, landing, stop, cancellationToken);
        var run = RunAsync(remotePath, pipe.Writer, error, stop.Token);

        // Both always finish before anything is cleaned up: the landing must not be written after it was removed.
        await Task.WhenAll(run, consume).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        if (!run.IsCompletedSuccessfully && consume.IsFaulted && stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await consume; // the local side failed first and stopped the session; its reason is the one that matters
        }

        var status = await run;
        var captured = error.ToCapture();
        if (status != 0)
        {
            _ = consume.Exception; // a short stream after a remote failure says nothing more
            throw RemoteCopyErrors.For(status, captured, remotePath, ContainerPath, landing.Untouched);
        }

        var received = await consume;
        var sent = captured.Lines.LastOrDefault(l => l.StartsWith("H ", StringComparison.Ordinal))?[2..];
        if (received is null || sent is null)
        {
            throw new CopyException($"the container sent no checksum for {ContainerPath}:{remotePath} ({RemoteCopyErrors.ToolMessages(captured)}); {landing.Untouched}");
        }

        if (sent != received.Sha256)
        {
            throw new CopyException(
                $"the bytes received from {ContainerPath}:{remotePath} do not match what the container sent (SHA-256); {landing.Untouched}");
        }

        return received;
    }

    private async Task<int> RunAsync(string remotePath, PipeWriter writer, Stream error, CancellationToken cancellationToken)
    {
        try
        {
            await using var output = writer.AsStream(leaveOpen: true);
            return await remote.RunAsync(
                ContainerCommandRunner.ShellScript(RemoteFileScripts.Download, [remotePath]), new ExecStreams(null, output, error), cancellationToken);
        }
        finally
        {
            await writer.CompleteAsync();
        }
    }

    /// <summary>Reads the header, then lands the file or extracts the directory; stops the session when it fails.</summary>
    private async Task<DownloadedItem?> ConsumeAsync(PipeReader reader, IDownloadLanding landing, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var incoming = reader.AsStream();
        try
        {
            var header = await ReadHeaderAsync(incoming, cancellationToken);
            if (header is null)
            {
                return null; // The script failed before sending anything; its exit status says why.
            }

            await using var counted = new TransferStream(incoming, progress, leaveOpen: true);
            var skipped = await landing.ReceiveAsync(header, counted, description => progress.Begin(description, header.Size), cancellationToken);
            await counted.CopyToAsync(Stream.Null, cancellationToken); // whatever follows the tar's end marker is hashed too
            return new DownloadedItem(header.Kind, header.Mode, counted.Count, counted.FinishHash(), skipped);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private static async Task<DownloadHeader?> ReadHeaderAsync(Stream incoming, CancellationToken cancellationToken)
    {
        var line = new List<byte>(MaxHeaderLength);
        var one = new byte[1];
        while (true)
        {
            if (await incoming.ReadAsync(one, cancellationToken) == 0)
            {
                return line.Count == 0 ? null : throw new CopyException("the container's answer ended inside its header");
            }

            if (one[0] == (byte)'\n')
            {
                return DownloadHeader.Parse(Encoding.ASCII.GetString([.. line]));
            }

            if (line.Count == MaxHeaderLength)
            {
                throw new CopyException("the container's answer does not start with a cp header; is something printing on login?");
            }

            line.Add(one[0]);
        }
    }

    private void Commit(LocalDownloadLanding landing, DownloadedItem received, bool force, string nonce)
    {
        try
        {
            if (received.Kind == CopyItemKind.File)
            {
                LocalPaths.SetMode(landing.TemporaryPath, received.Mode);
                File.Move(landing.TemporaryPath, landing.Target, overwrite: force);
                return;
            }

            LocalPaths.SetMode(landing.TemporaryPath, received.Mode);
            if (!LocalPaths.Exists(landing.Target))
            {
                Directory.Move(landing.TemporaryPath, landing.Target);
                return;
            }

            if (!force)
            {
                throw new CopyException($"{landing.Target} appeared during the copy; not replaced");
            }

            var aside = LocalPaths.Sibling(landing.Target, nonce, "old");
            MoveAny(landing.Target, aside);
            try
            {
                Directory.Move(landing.TemporaryPath, landing.Target);
            }
            catch
            {
                MoveAny(aside, landing.Target);
                throw;
            }

            LocalPaths.DeleteQuietly(aside);
        }
        catch (IOException error)
        {
            throw new CopyException($"could not put the copy in place at {landing.Target}: {error.Message}", error);
        }
    }

    private static void MoveAny(string from, string to)
    {
        if (Directory.Exists(from) && new DirectoryInfo(from).LinkTarget is null)
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }
}
