using System.Collections.Concurrent;
using System.Globalization;
using EcsOps.Aws.Artifacts;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// Lists the dumps under an S3 prefix (and its sub-folders): each <c>.dump</c> with its manifest's hash and metadata,
/// or marked incomplete when the manifest is missing. Names that are not ours are still listed, from what S3 knows.
/// </summary>
public sealed class BackupCatalog(S3ArtifactStore store)
{
    /// <summary>Manifests read at once.</summary>
    public const int Concurrency = 8;

    /// <summary>The backups, newest first.</summary>
    public async Task<IReadOnlyList<BackupDescription>> ListAsync(S3Url folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var dumps = new List<S3ListedObject>();
        var manifests = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entry in store.ListAsync(folder.Bucket, folder.FolderPrefix, cancellationToken))
        {
            if (entry.Location.Key.EndsWith(BackupName.Extension, StringComparison.Ordinal))
            {
                dumps.Add(entry);
            }
            else if (entry.Location.Key.EndsWith(BackupName.Extension + BackupManifest.Suffix, StringComparison.Ordinal))
            {
                manifests.Add(entry.Location.Key[..^BackupManifest.Suffix.Length]);
            }
        }

        var described = new ConcurrentBag<BackupDescription>();
        await Parallel.ForEachAsync(
            dumps,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (dump, token) => described.Add(await DescribeAsync(dump, manifests.Contains(dump.Location.Key), token)));
        return [.. described.OrderByDescending(d => d.CreatedUtc).ThenBy(d => d.Location.Key, StringComparer.Ordinal)];
    }

    private async Task<BackupDescription> DescribeAsync(S3ListedObject dump, bool hasManifest, CancellationToken cancellationToken)
    {
        var name = BackupName.TryParse(dump.Location.FileName);
        var manifestObject = hasManifest
            ? await store.GetTextAsync(dump.Location.WithSuffix(BackupManifest.Suffix), BackupManifest.MaxBytes, cancellationToken)
            : null;
        string? sha256 = null;
        if (manifestObject is not null)
        {
            try
            {
                sha256 = BackupManifest.Parse(manifestObject.Text).Sha256;
            }
            catch (FormatException)
            {
                // Listed as incomplete: restore would refuse it the same way.
            }
        }

        // The manifest repeats the dump's metadata; without one, ask the dump itself.
        var metadata = manifestObject?.Head.Metadata ?? (await store.HeadAsync(dump.Location, cancellationToken))?.Metadata
            ?? new Dictionary<string, string>();
        var created = metadata.TryGetValue(BackupMetadata.Created, out var createdText)
            && DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : name?.CreatedUtc ?? dump.LastModified;
        return new BackupDescription(
            dump.Location,
            name?.Service,
            created,
            dump.Size,
            BackupMetadata.ReadComment(metadata) ?? name?.Slug,
            metadata.GetValueOrDefault(BackupMetadata.Database),
            metadata.GetValueOrDefault(BackupMetadata.Source),
            metadata.GetValueOrDefault(BackupMetadata.RunId),
            sha256,
            sha256 is not null);
    }
}
