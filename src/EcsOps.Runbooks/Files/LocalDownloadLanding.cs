namespace EcsOps.Runbooks.Files;

/// <summary>A temporary file or directory next to the local destination, renamed into place by the downloader.</summary>
internal sealed class LocalDownloadLanding(string target, string temporaryPath) : IDownloadLanding
{
    public string Target => target;

    public string TemporaryPath => temporaryPath;

    public string Untouched => LocalPaths.Exists(target) ? $"{target} was left as it was" : $"nothing was written to {target}";

    public async Task<IReadOnlyList<string>> ReceiveAsync(
        DownloadHeader header, Stream content, Action<string> begin, CancellationToken cancellationToken)
    {
        begin($"→ {target}");
        if (header.Kind == CopyItemKind.Directory)
        {
            if (File.Exists(target))
            {
                throw new CopyException($"{target} is a file; a directory cannot replace it");
            }

            Directory.CreateDirectory(temporaryPath);
            var extractor = new DirectoryTarExtractor(temporaryPath);
            await extractor.ExtractAsync(content, cancellationToken);
            return extractor.Skipped;
        }

        if (Directory.Exists(target))
        {
            throw new CopyException($"{target} is a directory; a file cannot replace it");
        }

        await using var file = new FileStream(temporaryPath, LocalPaths.NewPrivateFile());
        await content.CopyToAsync(file, cancellationToken);
        await file.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
        return [];
    }
}
