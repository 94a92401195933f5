namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// A temporary directory removed on dispose. Sandbox containers are local processes, so a container path is a path on
/// this machine: a test uses one scratch directory as "the container's" side and another as the local side.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory(string purpose) => Path = Directory.CreateTempSubdirectory($"ecsops-{purpose}-").FullName;

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Names of cp's temporary or set-aside copies (.NAME.ecsops-NONCE.tmp/.old) anywhere below.</summary>
    public IReadOnlyList<string> Leftovers() =>
        Directory.EnumerateFileSystemEntries(Path, "*.ecsops-*", SearchOption.AllDirectories).ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
