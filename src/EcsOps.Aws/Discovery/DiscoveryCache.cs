using System.Text.Json;
using EcsOps.Aws.Config;

namespace EcsOps.Aws.Discovery;

/// <summary>
/// A short-lived on-disk memory of what discovery found, one file per account × region under the XDG cache
/// directory: the cluster list and each cluster's containers, each with the time it was fetched. An item older
/// than the TTL (or stamped in the future, after a clock change) is never served. A zero TTL turns the cache off.
/// Unreadable or foreign files count as empty.
/// </summary>
public sealed class DiscoveryCache
{
    private readonly string _directory;
    private readonly TimeProvider _timeProvider;

    public DiscoveryCache(string directory, TimeSpan ttl, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.Zero);
        _directory = directory;
        Ttl = ttl;
        _timeProvider = timeProvider;
    }

    public TimeSpan Ttl { get; }

    public string Directory => _directory;

    /// <summary>False when the TTL is zero: nothing is read or written.</summary>
    public bool IsEnabled => Ttl > TimeSpan.Zero;

    /// <summary><c>$XDG_CACHE_HOME/ecsops/discovery</c>, else <c>~/.cache/ecsops/discovery</c>, else under the temp directory.</summary>
    public static string DefaultDirectory(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = environment.GetNonEmpty("XDG_CACHE_HOME")
            ?? (environment.HomeDirectory() is { } home ? System.IO.Path.Combine(home, ".cache") : System.IO.Path.GetTempPath());
        return System.IO.Path.Combine(root, "ecsops", "discovery");
    }

    /// <summary>The cached state of one account × region (empty when disabled, absent or unreadable).</summary>
    public async Task<DiscoveryCacheEntry> OpenAsync(string accountId, string region, CancellationToken cancellationToken)
    {
        var path = PathOf(accountId, region);
        DiscoveryCacheFile? file = null;
        if (IsEnabled && File.Exists(path))
        {
            try
            {
                await using var stream = File.OpenRead(path);
                file = await JsonSerializer.DeserializeAsync(stream, DiscoveryCacheJsonContext.Default.DiscoveryCacheFile, cancellationToken);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
            {
                file = null;
            }
        }

        // A file of another version, or one missing its maps (hand-edited, cut short), counts as empty.
        if (file?.Version != DiscoveryCacheFile.CurrentVersion || file.Containers is null)
        {
            file = new DiscoveryCacheFile();
        }

        return new DiscoveryCacheEntry(this, path, file);
    }

    /// <summary>Writes an entry back when it changed; the file is replaced atomically so readers never see half of it.</summary>
    public async Task SaveAsync(DiscoveryCacheEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsEnabled || !entry.IsChanged)
        {
            return;
        }

        entry.PruneStale();
        try
        {
            CreatePrivateDirectory(_directory);
            var temporary = entry.Path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await using (var stream = File.Create(temporary))
            {
                await JsonSerializer.SerializeAsync(stream, entry.File, DiscoveryCacheJsonContext.Default.DiscoveryCacheFile, cancellationToken);
            }

            File.Move(temporary, entry.Path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs speed.
        }
    }

    /// <summary>True while an item fetched at <paramref name="fetchedAt"/> may still be served.</summary>
    internal bool IsFresh(DateTimeOffset fetchedAt)
    {
        var age = _timeProvider.GetUtcNow() - fetchedAt;
        return IsEnabled && age >= TimeSpan.Zero && age < Ttl;
    }

    internal DateTimeOffset Now => _timeProvider.GetUtcNow();

    private string PathOf(string accountId, string region) =>
        System.IO.Path.Combine(_directory, $"{SafeName(accountId)}_{SafeName(region)}.json");

    // Account ids and regions come from config and flags; keep them from naming other paths.
    private static string SafeName(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'));

    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
