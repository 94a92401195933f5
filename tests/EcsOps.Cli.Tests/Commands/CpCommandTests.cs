using System.Runtime.Versioning;
using System.Security.Cryptography;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>
/// `ecsops cp` as a process against the sandbox, both directions. The web task's container is a local process, so its
/// paths are paths on this machine: each test gives "the container" a scratch directory of its own.
/// </summary>
[Collection(CliSandboxCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class CpCommandTests(CliSandboxFixture sandbox)
{
    private const string Web = "dev-web/web";
    private const int Sigint = 2;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Cp_FiftyMegabyteBinaryUpAndDown_ByteIdenticalWithModeKept()
    {
        using var local = new ScratchDirectory("cp-local");
        using var remote = new ScratchDirectory("cp-remote");
        var data = RandomNumberGenerator.GetBytes(50 * 1024 * 1024);
        await File.WriteAllBytesAsync(local["random.bin"], data);
        File.SetUnixFileMode(local["random.bin"], (UnixFileMode)0x1E0); // 0740

        var up = await sandbox.RunAsync("cp", local["random.bin"], $"{Web}:{remote.Path}/");
        var down = await sandbox.RunAsync("cp", $"{Web}:{remote["random.bin"]}", local["back.bin"]);

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(remote["random.bin"])));
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(local["back.bin"])));
        Assert.Equal((UnixFileMode)0x1E0, File.GetUnixFileMode(remote["random.bin"]));
        Assert.Equal((UnixFileMode)0x1E0, File.GetUnixFileMode(local["back.bin"]));
        Assert.Empty(remote.Leftovers());
        Assert.Empty(local.Leftovers());
    }

    [Fact]
    public async Task Cp_DirectoryTreeUpAndDown_IdenticalIncludingEmptyDirsOddNamesAndSymlinks()
    {
        using var local = new ScratchDirectory("cp-local");
        using var remote = new ScratchDirectory("cp-remote");
        var tree = BuildTree(local["tree"]);

        var up = await sandbox.RunAsync("cp", tree, $"{Web}:{remote.Path}");
        var down = await sandbox.RunAsync("cp", $"{Web}:{remote["tree"]}", local["back"]);

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.True(down.ExitCode == 0, down.ToString());
        var expected = TreeSnapshot.Of(tree);
        Assert.Equal(expected, TreeSnapshot.Of(remote["tree"]));
        Assert.Equal(expected, TreeSnapshot.Of(local["back"]));
        Assert.Contains(expected, e => e.StartsWith("link ", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.StartsWith("dir  nested/empty ", StringComparison.Ordinal));
        Assert.Empty(remote.Leftovers());
        Assert.Empty(local.Leftovers());
    }

    [Fact]
    public async Task Cp_UploadOverExistingFileWithoutForce_RefusedAndFileUntouched()
    {
        using var local = new ScratchDirectory("cp-local");
        using var remote = new ScratchDirectory("cp-remote");
        await File.WriteAllTextAsync(local["config.yml"], "new: true\n");
        await File.WriteAllTextAsync(remote["config.yml"], "old: true\n");

        var refused = await sandbox.RunAsync("cp", local["config.yml"], $"{Web}:{remote["config.yml"]}");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        var error = Assert.Single(refused.ErrorLines);
        Assert.Contains("exists; add --force", error);
        Assert.Equal("old: true\n", await File.ReadAllTextAsync(remote["config.yml"]));
        Assert.Empty(remote.Leftovers());

        var forced = await sandbox.RunAsync("cp", "--force", local["config.yml"], $"{Web}:{remote["config.yml"]}");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal("new: true\n", await File.ReadAllTextAsync(remote["config.yml"]));
    }

    [Fact]
    public async Task Cp_DownloadOverExistingFileWithoutForce_RefusedAndFileUntouched()
    {
        using var local = new ScratchDirectory("cp-local");
        using var remote = new ScratchDirectory("cp-remote");
        await File.WriteAllTextAsync(remote["report.csv"], "remote\n");
        await File.WriteAllTextAsync(local["report.csv"], "local\n");

        var refused = await sandbox.RunAsync("cp", $"{Web}:{remote["report.csv"]}", local.Path);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("exists; add --force", Assert.Single(refused.ErrorLines));
        Assert.Equal("local\n", await File.ReadAllTextAsync(local["report.csv"]));
        Assert.Empty(local.Leftovers());
    }

    [Fact]
    public async Task Cp_DownloadFailingInTheContainer_LeavesTheExistingLocalFileAndNoPartialCopy()
    {
        // Reading /proc/self/mem fails at once with EIO: a source that breaks after the transfer has begun.
        using var local = new ScratchDirectory("cp-local");
        await File.WriteAllTextAsync(local["mem"], "the good copy\n");

        var result = await sandbox.RunAsync("cp", "--force", $"{Web}:/proc/self/mem", local["mem"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Input/output error", Assert.Single(result.ErrorLines));
        Assert.Equal("the good copy\n", await File.ReadAllTextAsync(local["mem"]));
        Assert.Empty(local.Leftovers());
    }

    [Fact]
    public async Task Cp_UploadInterruptedMidway_ExistingRemoteFileKeptAndTemporaryFileRemoved()
    {
        using var local = new ScratchDirectory("cp-local");
        using var remote = new ScratchDirectory("cp-remote");
        await File.WriteAllBytesAsync(local["dump.bin"], RandomNumberGenerator.GetBytes(20 * 1024 * 1024));
        await File.WriteAllTextAsync(remote["dump.bin"], "yesterday's dump\n");
        await using var cp = sandbox.Start(["cp", "--force", local["dump.bin"], $"{Web}:{remote["dump.bin"]}"]);

        // Ctrl-C once the container has started writing its temporary copy.
        await WaitUntilAsync(() => remote.Leftovers().Any(p => new FileInfo(p).Length > 0));
        cp.Signal(Sigint);
        var result = await cp.WaitAsync();

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("interrupted", Assert.Single(result.ErrorLines));
        Assert.Equal("yesterday's dump\n", await File.ReadAllTextAsync(remote["dump.bin"]));
        await WaitUntilAsync(() => remote.Leftovers().Count == 0);
    }

    [Fact]
    public async Task Cp_StandardInputToContainerAndBackToStandardOutput_RoundTrips()
    {
        using var remote = new ScratchDirectory("cp-remote");
        var data = RandomNumberGenerator.GetBytes(300 * 1024);
        using var stdin = new MemoryStream(data);

        var up = await sandbox.RunAsync(["cp", "-", $"{Web}:{remote["piped.bin"]}"], stdin);
        var down = await sandbox.RunAsync("cp", $"{Web}:{remote["piped.bin"]}", "-");

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal(data, await File.ReadAllBytesAsync(remote["piped.bin"]));
        Assert.Equal(data, down.StandardOutputBytes);
    }

    [Fact]
    public async Task Cp_NeitherSideInAContainer_UsageErrorOnOneLine()
    {
        var result = await sandbox.RunAsync("cp", "./a:b", "c");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("SELECTOR:PATH", Assert.Single(result.ErrorLines));
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    /// <summary>
    /// nested/deeper/data.bin (random), nested/empty/, "name with spaces.txt", odd punctuation, a non-ASCII name, an
    /// executable, a read-only file, a relative symlink to a file and one that dangles; all modified in 2020.
    /// </summary>
    private static string BuildTree(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "nested", "deeper"));
        Directory.CreateDirectory(Path.Combine(root, "nested", "empty"));
        File.WriteAllBytes(Path.Combine(root, "nested", "deeper", "data.bin"), RandomNumberGenerator.GetBytes(200 * 1024));
        File.WriteAllText(Path.Combine(root, "name with spaces.txt"), "spaces\n");
        File.WriteAllText(Path.Combine(root, "odd #%&;$(x)'q\"[1].txt"), "punctuation\n");
        File.WriteAllText(Path.Combine(root, "grüße-日本.txt"), "unicode\n");
        File.WriteAllText(Path.Combine(root, "run.sh"), "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(Path.Combine(root, "run.sh"), (UnixFileMode)0x1ED); // 0755
        File.WriteAllText(Path.Combine(root, "readonly.txt"), "r/o\n");
        File.SetUnixFileMode(Path.Combine(root, "readonly.txt"), (UnixFileMode)0x124); // 0444
        File.CreateSymbolicLink(Path.Combine(root, "nested", "link-to-data"), "deeper/data.bin");
        File.CreateSymbolicLink(Path.Combine(root, "dangling"), "does-not-exist");

        // Times in the past, so that a copy stamped "now" would differ; directories last, deepest first.
        var past = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).LinkTarget is null))
        {
            File.SetLastWriteTimeUtc(file, past);
        }

        foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
        {
            Directory.SetLastWriteTimeUtc(directory, past);
        }

        return root;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(s_deadline);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
