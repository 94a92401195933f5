using System.Security.Cryptography;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Cli;

[Collection(SandboxCollection.Name)]
public class S3CliTests(SandboxFixture sandbox) : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ecsops-s3cli-");

    [Fact]
    public async Task Copy_TwentyMegabyteFileUpAndDown_IsMultipartAndByteIdentical()
    {
        var original = Path.Combine(_scratch.FullName, "upload.bin");
        var downloaded = Path.Combine(_scratch.FullName, "download.bin");
        var data = new byte[20 * 1024 * 1024 + 12345];
        new Random(3).NextBytes(data);
        await File.WriteAllBytesAsync(original, data);

        await sandbox.Cli.JsonAsync("s3api", "create-bucket", "--bucket", "cli-copy");
        var up = await sandbox.Cli.RunAsync("s3", "cp", "--no-progress", original, "s3://cli-copy/nested/dir/data.bin");
        Assert.True(up.ExitCode == 0, up.Stderr);
        var down = await sandbox.Cli.RunAsync("s3", "cp", "--no-progress", "s3://cli-copy/nested/dir/data.bin", downloaded);
        Assert.True(down.ExitCode == 0, down.Stderr);

        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(downloaded)));
        var head = await sandbox.Cli.JsonAsync("s3api", "head-object", "--bucket", "cli-copy", "--key", "nested/dir/data.bin");
        Assert.EndsWith("-3\"", head.GetProperty("ETag").GetString(), StringComparison.Ordinal);
        Assert.Equal(data.Length, head.GetProperty("ContentLength").GetInt64());
    }

    [Fact]
    public async Task List_AfterCopies_ShowsKeysUnderPrefix()
    {
        var file = Path.Combine(_scratch.FullName, "small.txt");
        await File.WriteAllTextAsync(file, "hello sandbox");
        await sandbox.Cli.JsonAsync("s3api", "create-bucket", "--bucket", "cli-list");
        foreach (var key in new[] { "a/one.txt", "a/two.txt", "b/three.txt" })
        {
            Assert.Equal(0, (await sandbox.Cli.RunAsync("s3", "cp", "--no-progress", file, $"s3://cli-list/{key}")).ExitCode);
        }

        var listing = await sandbox.Cli.JsonAsync("s3api", "list-objects-v2", "--bucket", "cli-list", "--prefix", "a/");
        var prefixes = await sandbox.Cli.JsonAsync("s3api", "list-objects-v2", "--bucket", "cli-list", "--delimiter", "/");

        Assert.Equal(["a/one.txt", "a/two.txt"], listing.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()));
        Assert.Equal(["a/", "b/"], prefixes.GetProperty("CommonPrefixes").EnumerateArray().Select(c => c.GetProperty("Prefix").GetString()));
    }

    public void Dispose()
    {
        _scratch.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}
