using System.Text;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Audit.Jsonl;

namespace EcsOps.Aws.Tests.Audit;

/// <summary>The hash-chained audit file: appends, tampering found by verify (and where), crashes, concurrent writers.</summary>
public sealed class JsonlAuditFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ecsops-audit-tests-");

    private string FilePath => Path.Combine(_directory.FullName, "state", "audit.jsonl");

    public void Dispose() => _directory.Delete(recursive: true);

    private async Task<JsonlAuditFile> WriteAsync(int count)
    {
        var file = new JsonlAuditFile(FilePath);
        for (var i = 1; i <= count; i++)
        {
            await file.AppendAsync(AuditEvents.Start(i), CancellationToken.None);
        }

        return file;
    }

    private List<string> Lines() => File.ReadAllText(FilePath).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private void Rewrite(IEnumerable<string> lines) => File.WriteAllText(FilePath, string.Join("", lines.Select(l => l + "\n")));

    private static string RunIdOf(int n) => AuditEvents.Start(n).RunId;

    [Fact]
    public async Task Append_FiveEvents_ChainFromGenesisAndVerifyIntact()
    {
        await WriteAsync(5);

        var lines = Lines();
        var verification = AuditFileVerifier.Verify(FilePath);

        Assert.Equal(5, lines.Count);
        Assert.StartsWith($"{{\"seq\":1,\"prev\":\"{AuditChain.Genesis}\",\"schema\":1,\"runId\":\"{RunIdOf(1)}\"", lines[0]);
        Assert.StartsWith($"{{\"seq\":2,\"prev\":\"{AuditChain.Hash(Encoding.UTF8.GetBytes(lines[0]))}\"", lines[1]);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Findings));
        Assert.Equal(5, verification.EntriesChecked);
        Assert.Equal(AuditEvents.Start(5).Time, verification.Last);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Append_NewFile_OnlyTheOwnerCanReadIt()
    {
        await WriteAsync(1);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
    }

    [Fact]
    public async Task Verify_EntryEdited_NamesThatLineAndRun()
    {
        await WriteAsync(5);
        var lines = Lines();
        lines[2] = lines[2].Replace("echo 3", "echo 0", StringComparison.Ordinal);
        Rewrite(lines);

        var finding = Assert.Single(AuditFileVerifier.Verify(FilePath).Findings);

        Assert.Equal(3, finding.Line);
        Assert.Equal(RunIdOf(3), finding.RunId);
        Assert.Contains("changed", finding.Message);
    }

    [Fact]
    public async Task Verify_EntryDeleted_SaysEntriesAreMissingBeforeTheNextLine()
    {
        await WriteAsync(5);
        var lines = Lines();
        lines.RemoveAt(2);
        Rewrite(lines);

        var finding = Assert.Single(AuditFileVerifier.Verify(FilePath).Findings);

        Assert.Equal(3, finding.Line);
        Assert.Equal(RunIdOf(4), finding.RunId);
        Assert.Contains("1 entry before this line is missing", finding.Message);
    }

    [Fact]
    public async Task Verify_TwoEntriesSwapped_FirstFindingIsTheMovedLine()
    {
        await WriteAsync(5);
        var lines = Lines();
        (lines[1], lines[2]) = (lines[2], lines[1]);
        Rewrite(lines);

        var findings = AuditFileVerifier.Verify(FilePath).Findings;

        Assert.Equal(2, findings[0].Line);
        Assert.Equal(RunIdOf(3), findings[0].RunId);
        Assert.Contains("out of order: it was written right after line 3", findings[0].Message);
        Assert.All(findings, f => Assert.Contains("out of order", f.Message));
    }

    [Fact]
    public async Task Verify_EntryInsertedWithAForgedLink_NamesTheInsertedLine()
    {
        await WriteAsync(4);
        var lines = Lines();
        var forged = Encoding.UTF8.GetString(JsonlAuditFile.Compose(
            new AuditChainFields(3, AuditChain.Hash(Encoding.UTF8.GetBytes(lines[1]))), AuditEvents.Start(99))).TrimEnd('\n');
        lines.Insert(2, forged);
        Rewrite(lines);

        var finding = Assert.Single(AuditFileVerifier.Verify(FilePath).Findings, f => f.Line == 3);

        Assert.Equal(RunIdOf(99), finding.RunId);
        Assert.Contains("was inserted", finding.Message);
    }

    [Fact]
    public async Task Verify_EntryCopied_NamesTheCopy()
    {
        await WriteAsync(4);
        var lines = Lines();
        lines.Insert(3, lines[0]);
        Rewrite(lines);

        var findings = AuditFileVerifier.Verify(FilePath).Findings;

        Assert.Equal(4, findings[0].Line);
        Assert.Contains("copy of line 1", findings[0].Message);
    }

    [Fact]
    public async Task Verify_LineThatIsNotJson_NamesIt()
    {
        await WriteAsync(3);
        var lines = Lines();
        lines[1] = "I was here";
        Rewrite(lines);

        var finding = Assert.Single(AuditFileVerifier.Verify(FilePath).Findings);

        Assert.Equal(2, finding.Line);
        Assert.Contains("not a valid audit entry", finding.Message);
    }

    [Fact]
    public async Task Verify_Since_ChecksOnlyLaterEntries()
    {
        await WriteAsync(5);
        var lines = Lines();
        lines[0] = lines[0].Replace("echo 1", "echo 0", StringComparison.Ordinal);
        Rewrite(lines);

        Assert.False(AuditFileVerifier.Verify(FilePath).IsIntact);
        var later = AuditFileVerifier.Verify(FilePath, AuditEvents.Start(3).Time);
        Assert.True(later.IsIntact);
        Assert.Equal(3, later.EntriesChecked);
    }

    [Fact]
    public async Task Append_AfterACrashMidLine_DropsTheTornBytesAndKeepsTheChain()
    {
        var file = await WriteAsync(3);
        var torn = Encoding.UTF8.GetBytes("{\"seq\":4,\"prev\":\"abc");
        await using (var stream = new FileStream(FilePath, FileMode.Append))
        {
            await stream.WriteAsync(torn);
        }

        var beforeRepair = AuditFileVerifier.Verify(FilePath);
        var chain = await file.AppendAsync(AuditEvents.Start(4), CancellationToken.None);
        var afterRepair = AuditFileVerifier.Verify(FilePath);

        Assert.True(beforeRepair.IsIntact);
        Assert.Equal(torn.Length, beforeRepair.UnfinishedBytes);
        Assert.Equal(new AuditChainFields(4, AuditChain.Hash(Encoding.UTF8.GetBytes(Lines()[2])), torn.Length), chain);
        Assert.True(afterRepair.IsIntact, string.Join("; ", afterRepair.Findings));
        Assert.Equal(0, afterRepair.UnfinishedBytes);
        Assert.Equal(4, afterRepair.EntriesChecked);
    }

    [Fact]
    public async Task Append_LastEntryUnreadable_RefusesToChain()
    {
        await WriteAsync(2);
        await File.AppendAllTextAsync(FilePath, "not json\n");

        var error = await Assert.ThrowsAsync<IOException>(() => new JsonlAuditFile(FilePath).AppendAsync(AuditEvents.Start(3), CancellationToken.None));

        Assert.Contains("not a valid audit entry", error.Message);
    }

    [Fact]
    public async Task Append_ManyWritersAtOnce_EveryEntryChainedOnce()
    {
        const int writers = 8, perWriter = 25;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            // Each writer its own instance, as separate processes would be.
            var file = new JsonlAuditFile(FilePath);
            for (var i = 0; i < perWriter; i++)
            {
                await file.AppendAsync(AuditEvents.Start((w * perWriter) + i), CancellationToken.None);
            }
        })));

        var verification = AuditFileVerifier.Verify(FilePath);
        var (lines, _, _) = AuditFileReader.Read(FilePath);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Findings));
        Assert.Equal(writers * perWriter, lines.Count);
        Assert.Equal(writers * perWriter, lines.Select(l => l.Event!.RunId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, writers * perWriter).Select(i => (long)i), lines.Select(l => l.Chain!.Seq));
    }

    [Fact]
    public async Task Read_FromOffset_ReturnsOnlyNewCompleteLines()
    {
        var file = await WriteAsync(2);
        var (first, offset, _) = AuditFileReader.Read(FilePath);
        await file.AppendAsync(AuditEvents.Start(3), CancellationToken.None);
        await File.AppendAllTextAsync(FilePath, "{\"partial");

        var (next, _, unfinished) = AuditFileReader.Read(FilePath, offset, first.Count + 1);

        Assert.Equal(RunIdOf(3), Assert.Single(next).Event!.RunId);
        Assert.Equal(3, next[0].Number);
        Assert.Equal(9, unfinished);
    }
}
