using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using EcsOps.Runbooks.Exec;
using EcsOps.Runbooks.Files;
using EcsOps.Runbooks.Tests.Support;

namespace EcsOps.Runbooks.Tests.Files;

/// <summary>
/// cp's container-side scripts, wrapped and run on a real PTY as ECS Exec runs them, with the machine's tools (dash,
/// GNU coreutils and tar) and with busybox alone: what arrives is what was sent, and a bad transfer changes nothing.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class RemoteFileScriptsTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("ecsops-scripts-").FullName;

    [Fact]
    public Task FileRoundTrip_SystemTools_BytesAndModeArriveIntact() => FileRoundTripAsync(Toolset.System);

    [BusyboxFact]
    public Task FileRoundTrip_Busybox_BytesAndModeArriveIntact() => FileRoundTripAsync(Toolset.Busybox);

    [Fact]
    public Task DirectoryRoundTrip_SystemTools_TreeArrivesIntact() => DirectoryRoundTripAsync(Toolset.System);

    [BusyboxFact]
    public Task DirectoryRoundTrip_Busybox_TreeArrivesIntact() => DirectoryRoundTripAsync(Toolset.Busybox);

    [Fact]
    public Task UploadFile_SystemToolsWrongChecksum_ExistingFileUntouchedNoLeftovers() => WrongChecksumAsync(Toolset.System);

    [BusyboxFact]
    public Task UploadFile_BusyboxWrongChecksum_ExistingFileUntouchedNoLeftovers() => WrongChecksumAsync(Toolset.Busybox);

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private async Task FileRoundTripAsync(Toolset tools)
    {
        var data = RandomNumberGenerator.GetBytes(300 * 1024);
        var target = Path.Combine(_scratch, "remote.bin");

        var upload = await RunAsync(tools, RemoteFileScripts.UploadFile, [target, Sha256(data), "750", "0", "n1"], data);
        var download = await RunAsync(tools, RemoteFileScripts.Download, [target]);

        Assert.True(upload.ExitCode == 0, Describe(upload));
        Assert.Equal($"H {Sha256(data)}\n", Encoding.ASCII.GetString(upload.Stdout.ToArray()));
        Assert.Equal((UnixFileMode)0x1E8, File.GetUnixFileMode(target));
        Assert.True(download.ExitCode == 0, Describe(download));
        var header = $"F {data.Length} 750\n";
        Assert.Equal([.. Encoding.ASCII.GetBytes(header), .. data], download.Stdout.ToArray());
        Assert.Contains($"H {Sha256(data)}", Encoding.ASCII.GetString(download.Stderr.ToArray()));
    }

    private async Task DirectoryRoundTripAsync(Toolset tools)
    {
        var source = Path.Combine(_scratch, "source");
        Directory.CreateDirectory(Path.Combine(source, "sub", "empty"));
        await File.WriteAllBytesAsync(Path.Combine(source, "sub", "data bin"), RandomNumberGenerator.GetBytes(100 * 1024));
        await File.WriteAllTextAsync(Path.Combine(source, "run.sh"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(source, "run.sh"), (UnixFileMode)0x1ED);
        File.CreateSymbolicLink(Path.Combine(source, "link"), "sub/data bin");
        using var archive = new MemoryStream();
        await DirectoryTarWriter.WriteAsync(source, archive, CancellationToken.None);
        var target = Path.Combine(_scratch, "remote-dir");

        var upload = await RunAsync(tools, RemoteFileScripts.UploadDirectory, [target, Sha256(archive.ToArray()), "700", "0", "n2"], archive.ToArray());
        var download = await RunAsync(tools, RemoteFileScripts.Download, [target]);

        Assert.True(upload.ExitCode == 0, Describe(upload));
        Assert.True(download.ExitCode == 0, Describe(download));
        var received = download.Stdout.ToArray();
        var headerLength = Array.IndexOf(received, (byte)'\n') + 1;
        Assert.Equal("D 700\n", Encoding.ASCII.GetString(received, 0, headerLength));
        Assert.Contains($"H {Sha256(received[headerLength..])}", Encoding.ASCII.GetString(download.Stderr.ToArray()));
        var back = Path.Combine(_scratch, "back");
        Directory.CreateDirectory(back);
        await new DirectoryTarExtractor(back).ExtractAsync(new MemoryStream(received[headerLength..]), CancellationToken.None);
        Assert.Equal(Snapshot(source), Snapshot(back));
    }

    private async Task WrongChecksumAsync(Toolset tools)
    {
        var target = Path.Combine(_scratch, "keep.txt");
        await File.WriteAllTextAsync(target, "good\n");

        var upload = await RunAsync(tools, RemoteFileScripts.UploadFile, [target, new string('0', 64), "644", "1", "n3"], "tampered\n"u8.ToArray());

        Assert.Equal(RemoteFileScripts.ChecksumMismatch, upload.ExitCode);
        Assert.Equal("good\n", await File.ReadAllTextAsync(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(_scratch));
    }

    private static Task<ExecRun> RunAsync(Toolset tools, string script, IReadOnlyList<string> arguments, byte[]? input = null) =>
        PtyCommandRunner.RunAsync(ExecWrapper.Wrap(ContainerCommandRunner.ShellScript(script, arguments)), input, tools.Path);

    private static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static string Describe(ExecRun run) =>
        $"exit {run.ExitCode}; stderr: {Encoding.UTF8.GetString(run.Stderr.ToArray())}; noise: {string.Join(" | ", run.Noise)}";

    private static List<string> Snapshot(string root) =>
        [.. new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .Select(i => $"{Path.GetRelativePath(root, i.FullName)} {i.LinkTarget} {(i is FileInfo f && i.LinkTarget is null ? Sha256(File.ReadAllBytes(f.FullName)) : "")} {Convert.ToString((int)i.UnixFileMode & 0x1FF, 8)}")
            .Order(StringComparer.Ordinal)];
}
