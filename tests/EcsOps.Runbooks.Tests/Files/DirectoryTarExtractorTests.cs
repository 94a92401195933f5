using System.Formats.Tar;
using System.Runtime.Versioning;
using EcsOps.Runbooks.Files;

namespace EcsOps.Runbooks.Tests.Files;

/// <summary>What a container's tar stream may and may not do to the local disk.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DirectoryTarExtractorTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("ecsops-extract-").FullName;

    private string Destination => Path.Combine(_scratch, "dest");

    private string Outside => Path.Combine(_scratch, "outside");

    [Theory]
    [InlineData("../outside/evil")]
    [InlineData("sub/../../outside/evil")]
    [InlineData("/tmp/ecsops-absolute-evil")]
    public async Task Extract_EntryEscapingTheDestination_RefusedAndNothingWrittenOutside(string name)
    {
        var archive = await ArchiveAsync(w => w.WriteEntryAsync(File(name, "evil")));

        await Assert.ThrowsAsync<CopyException>(() => new DirectoryTarExtractor(Destination).ExtractAsync(archive, CancellationToken.None));

        Assert.Empty(Directory.EnumerateFileSystemEntries(Outside));
        Assert.False(System.IO.File.Exists("/tmp/ecsops-absolute-evil"));
    }

    [Fact]
    public async Task Extract_FileBehindASymlinkOfTheSameArchive_NeverWrittenThroughTheLink()
    {
        // "link" points outside; a later "link/evil" must not land there (links are made only after all files).
        var archive = await ArchiveAsync(async w =>
        {
            await w.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = Outside });
            await w.WriteEntryAsync(File("link/evil", "evil"));
        });

        await Assert.ThrowsAnyAsync<IOException>(() => new DirectoryTarExtractor(Destination).ExtractAsync(archive, CancellationToken.None));

        Assert.Empty(Directory.EnumerateFileSystemEntries(Outside));
    }

    [Fact]
    public async Task Extract_HardLinkAndSpecialFile_LinkBecomesACopyAndTheFifoIsListedAsSkipped()
    {
        var archive = await ArchiveAsync(async w =>
        {
            await w.WriteEntryAsync(File("a.txt", "shared"));
            await w.WriteEntryAsync(new PaxTarEntry(TarEntryType.HardLink, "b.txt") { LinkName = "a.txt" });
            await w.WriteEntryAsync(new PaxTarEntry(TarEntryType.Fifo, "pipe"));
        });
        var extractor = new DirectoryTarExtractor(Destination);

        await extractor.ExtractAsync(archive, CancellationToken.None);

        Assert.Equal("shared", await System.IO.File.ReadAllTextAsync(Path.Combine(Destination, "b.txt")));
        Assert.Equal(["pipe"], extractor.Skipped);
        Assert.False(Path.Exists(Path.Combine(Destination, "pipe")));
    }

    [Fact]
    public async Task WriteThenExtract_Tree_SameEntriesModesAndContents()
    {
        var source = Path.Combine(_scratch, "source");
        Directory.CreateDirectory(Path.Combine(source, "d", "empty"));
        await System.IO.File.WriteAllTextAsync(Path.Combine(source, "d", "x y.txt"), "x");
        System.IO.File.SetUnixFileMode(Path.Combine(source, "d", "x y.txt"), (UnixFileMode)0x1C0); // 0700
        System.IO.File.CreateSymbolicLink(Path.Combine(source, "l"), "d/x y.txt");
        using var archive = new MemoryStream();
        await DirectoryTarWriter.WriteAsync(source, archive, CancellationToken.None);
        archive.Position = 0;

        await new DirectoryTarExtractor(Destination).ExtractAsync(archive, CancellationToken.None);

        Assert.Equal("x", await System.IO.File.ReadAllTextAsync(Path.Combine(Destination, "d", "x y.txt")));
        Assert.Equal((UnixFileMode)0x1C0, System.IO.File.GetUnixFileMode(Path.Combine(Destination, "d", "x y.txt")));
        Assert.True(Directory.Exists(Path.Combine(Destination, "d", "empty")));
        Assert.Equal("d/x y.txt", new FileInfo(Path.Combine(Destination, "l")).LinkTarget);
    }

    [Fact]
    public async Task Write_SameTreeTwice_SameBytes()
    {
        var source = Path.Combine(_scratch, "source");
        Directory.CreateDirectory(Path.Combine(source, "b"));
        await System.IO.File.WriteAllTextAsync(Path.Combine(source, "b", "1"), "one");
        await System.IO.File.WriteAllTextAsync(Path.Combine(source, "a"), "a");
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        await DirectoryTarWriter.WriteAsync(source, first, CancellationToken.None);
        await DirectoryTarWriter.WriteAsync(source, second, CancellationToken.None);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private async Task<MemoryStream> ArchiveAsync(Func<TarWriter, Task> write)
    {
        Directory.CreateDirectory(Destination);
        Directory.CreateDirectory(Outside);
        var archive = new MemoryStream();
        await using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            await write(writer);
        }

        archive.Position = 0;
        return archive;
    }

    private static PaxTarEntry File(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };
}
