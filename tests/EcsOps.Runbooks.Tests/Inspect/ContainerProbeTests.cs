using EcsOps.Runbooks.Inspect;

namespace EcsOps.Runbooks.Tests.Inspect;

/// <summary>Parsing what the probe script prints: sections of base64 ended by '.', any bytes inside.</summary>
public class ContainerProbeTests
{
    [Fact]
    public void Parse_EnvironmentWithNewlinesAndFilesOfEveryStatus_AllKept()
    {
        var environment = "A=1\0MULTI=line one\nline two\0EMPTY=\0"u8.ToArray();
        var binary = new byte[] { 0, 1, 2, 0xFF };
        string[] lines =
        [
            "env", .. Base64Lines(environment), ".",
            "file ok 4", .. Base64Lines(binary), ".",
            "file missing", ".",
            "file ok 10", .. Base64Lines("0123456"u8.ToArray()), ".",
        ];

        var result = ContainerProbe.Parse(lines, ["/bin.dat", "/nope", "/long.txt"], fileLimit: 6);

        Assert.Equal("line one\nline two", result.Environment!["MULTI"]);
        Assert.Equal("", result.Environment["EMPTY"]);
        Assert.Equal(binary, result.Files[0].Content);
        Assert.Equal("missing", result.Files[1].Status);
        Assert.Equal("012345"u8.ToArray(), result.Files[2].Content);
        Assert.True(result.Files[2].Truncated);
        Assert.Equal(10, result.Files[2].Size);
    }

    [Fact]
    public void Parse_AnswerCutShort_Refused() =>
        Assert.Throws<InspectException>(() => ContainerProbe.Parse(["env", "QQ=="], [], ContainerProbe.DefaultFileLimit));

    private static IEnumerable<string> Base64Lines(byte[] data) => Convert.ToBase64String(data).Chunk(76).Select(c => new string(c));
}
