namespace EcsOps.Runbooks.Files;

/// <summary>Where the downloaded bytes go.</summary>
internal interface IDownloadLanding
{
    /// <summary>What to tell the user was left alone when the copy fails.</summary>
    string Untouched { get; }

    Task<IReadOnlyList<string>> ReceiveAsync(DownloadHeader header, Stream content, Action<string> begin, CancellationToken cancellationToken);
}
