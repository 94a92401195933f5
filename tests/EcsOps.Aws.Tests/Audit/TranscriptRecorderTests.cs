using System.Text;
using Amazon.S3.Model;
using EcsOps.Aws.Audit.Transcripts;
using EcsOps.Aws.Http;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Audit;

/// <summary>Session transcripts recorded into the sandbox's S3 as asciicast v2 parts, and played back.</summary>
[Collection(SandboxCollection.Name)]
public sealed class TranscriptRecorderTests(SandboxFixture sandbox)
{
    private static readonly AsciicastHeader s_header = new(
        80, 24, new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero), new Dictionary<string, string> { ["TERM"] = "xterm-256color" }, "test");

    private async Task<S3TranscriptStore> StoreAsync()
    {
        var s3 = sandbox.Factory().CreateS3("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));
        var bucket = "ecsops-transcripts-" + Guid.NewGuid().ToString("N")[..12];
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return new S3TranscriptStore(_ => Task.FromResult<Amazon.S3.IAmazonS3>(s3), bucket, "sessions/");
    }

    private static async Task<List<string>> PartsAsync(S3TranscriptStore store, string runId)
    {
        var parts = new List<string>();
        foreach (var uri in await store.ListAsync(runId, CancellationToken.None))
        {
            parts.Add(Encoding.UTF8.GetString(await store.GetAsync(uri, CancellationToken.None)));
        }

        return parts;
    }

    [Fact]
    public async Task Record_OutputSplitInsideACharacterWithResize_PartsAreAsciicastAndTextIsWhole()
    {
        using var store = await StoreAsync();
        var recorder = await TranscriptRecorder.StartAsync(store, "RUN1", s_header, new TranscriptOptions(), CancellationToken.None);
        var text = Encoding.UTF8.GetBytes("héllo wörld\r\n");

        recorder.Output(text.AsSpan(0, 2));
        recorder.Resize(100, 30);
        recorder.Output(text.AsSpan(2));
        recorder.Input("secret\r"u8);
        var summary = await recorder.CompleteAsync(CancellationToken.None);
        await recorder.DisposeAsync();

        var parts = await PartsAsync(store, "RUN1");
        Assert.Equal([$"s3://{store.Bucket}/sessions/RUN1/part-00000.cast", $"s3://{store.Bucket}/sessions/RUN1/part-00001.cast"], summary.Parts);
        Assert.Empty(summary.Failures);
        Assert.Equal(2, parts.Count);
        Assert.Empty(AsciicastFormat.Parse(parts[0]).Events);
        var (header, events) = TranscriptPlayer.Join(parts);
        Assert.Equal((80, 24, "xterm-256color"), (header.Width, header.Height, header.Environment["TERM"]));
        Assert.Equal(["o", "r", "o"], events.Select(e => e.Code));
        Assert.Equal("héllo wörld\r\n", string.Concat(events.Where(e => e.Code == "o").Select(e => e.Data)));
        Assert.Equal("100x30", events[1].Data);
        Assert.DoesNotContain("secret", string.Concat(parts));
    }

    [Fact]
    public async Task Record_InputRecordingOn_InputEventsKept()
    {
        using var store = await StoreAsync();
        var recorder = await TranscriptRecorder.StartAsync(store, "RUN2", s_header, new TranscriptOptions { RecordInput = true }, CancellationToken.None);

        recorder.Input("ls\r"u8);
        recorder.Output("ls\r\nfile\r\n"u8);
        await recorder.CompleteAsync(CancellationToken.None);
        await recorder.DisposeAsync();

        var (_, events) = TranscriptPlayer.Join(await PartsAsync(store, "RUN2"));
        Assert.Equal([("i", "ls\r"), ("o", "ls\r\nfile\r\n")], events.Select(e => (e.Code, e.Data)));
    }

    [Fact]
    public async Task Record_MoreThanThePartSize_ManyValidPartsInOrder()
    {
        using var store = await StoreAsync();
        var recorder = await TranscriptRecorder.StartAsync(store, "RUN3", s_header, new TranscriptOptions { PartSize = 200 }, CancellationToken.None);
        var expected = new StringBuilder();

        for (var i = 0; i < 50; i++)
        {
            var line = $"line {i}\r\n";
            expected.Append(line);
            recorder.Output(Encoding.UTF8.GetBytes(line));
        }

        var summary = await recorder.CompleteAsync(CancellationToken.None);
        await recorder.DisposeAsync();

        var parts = await PartsAsync(store, "RUN3");
        Assert.True(parts.Count > 5, $"{parts.Count} parts");
        Assert.Equal(parts.Count, summary.Parts.Count);
        Assert.All(parts, p => AsciicastFormat.Parse(p));
        var (_, events) = TranscriptPlayer.Join(parts);
        Assert.Equal(expected.ToString(), string.Concat(events.Select(e => e.Data)));
    }

    [Fact]
    public async Task Record_PartIntervalPasses_PartStoredWhileTheSessionRuns()
    {
        using var store = await StoreAsync();
        var clock = new ManualClock();
        var options = new TranscriptOptions { PartInterval = TimeSpan.FromMinutes(1), TimeProvider = clock };
        await using var recorder = await TranscriptRecorder.StartAsync(store, "RUN4", s_header, options, CancellationToken.None);

        recorder.Output("before the cut\r\n"u8);
        clock.Advance(TimeSpan.FromSeconds(61));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await store.ListAsync("RUN4", deadline.Token)).Count < 2)
        {
            await Task.Delay(20, deadline.Token);
        }

        var parts = await PartsAsync(store, "RUN4");
        var (_, events) = AsciicastFormat.Parse(parts[1]);
        Assert.Equal("before the cut\r\n", Assert.Single(events).Data);
    }

    [Fact]
    public async Task Start_BucketMissing_ThrowsBeforeAnythingIsRecorded()
    {
        var s3 = sandbox.Factory().CreateS3("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));
        using var store = new S3TranscriptStore(_ => Task.FromResult<Amazon.S3.IAmazonS3>(s3), "no-such-bucket-" + Guid.NewGuid().ToString("N")[..8], "p/");

        var error = await Assert.ThrowsAnyAsync<AwsServiceException>(
            () => TranscriptRecorder.StartAsync(store, "RUN5", s_header, new TranscriptOptions(), CancellationToken.None));

        Assert.Equal("NoSuchBucket", error.ErrorCode);
    }

    [Fact]
    public async Task Play_JoinedParts_WritesTheOutputEventsInOrder()
    {
        var events = new List<AsciicastEvent> { new(0.1, "o", "one "), new(0.2, "i", "typed"), new(0.3, "r", "90x20"), new(0.4, "o", "two") };
        using var output = new MemoryStream();

        await new TranscriptPlayer(TimeProvider.System).PlayAsync(events, output, speed: 100, TranscriptPlayer.DefaultIdleLimit, CancellationToken.None);

        Assert.Equal("one two", Encoding.UTF8.GetString(output.ToArray()));
    }
}
