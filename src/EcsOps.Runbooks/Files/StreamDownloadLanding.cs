namespace EcsOps.Runbooks.Files;

/// <summary>Standard output: a single file, written as it arrives.</summary>
internal sealed class StreamDownloadLanding(Stream output) : IDownloadLanding
{
    public string Untouched => "what was already written to standard output cannot be taken back";

    public async Task<IReadOnlyList<string>> ReceiveAsync(
        DownloadHeader header, Stream content, Action<string> begin, CancellationToken cancellationToken)
    {
        if (header.Kind == CopyItemKind.Directory)
        {
            throw new CopyException("a directory cannot be written to standard output; give a local directory instead of -");
        }

        begin("→ standard output");
        await content.CopyToAsync(output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return [];
    }
}
