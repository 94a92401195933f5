namespace EcsOps.Cli.Tests.Commands;

/// <summary>
/// Values that would be shell syntax, option syntax or template syntax anywhere else reach the program as the one
/// argv element that names them, byte for byte, in exec mode (through the PTY wrapper) and in task mode (through
/// RunTask), and none of the commands they contain runs.
/// </summary>
public sealed partial class RunCommandTests
{
    /// <summary>Hostile values; <c>MARKER</c> is replaced by a file that must never come to exist.</summary>
    private static readonly string[] s_corpus =
    [
        "; touch MARKER",
        "$(touch MARKER)",
        "`touch MARKER`",
        "' ; touch MARKER ; '",
        "\" ; touch MARKER ; \"",
        "a\nb; touch MARKER\n",
        "&& touch MARKER || true",
        "| touch MARKER",
        "> MARKER",
        "; rm -rf VICTIM",
        "$HOME ${PATH} $0 $1 $@ $* $? $$",
        "{{v2}} {{ v3 }}",
        "*",
        "  spaces\tand\ttabs  ",
        "\\' \\\" \\\\ \\n",
        "--help",
        "-c",
        "",
        "žluťoučký kůň 🐴",
        "\r\n\u001b[31mred\u001b[0m\u0007",
        string.Concat(Enumerable.Repeat("x'\"$(touch MARKER)`;\n", 1000)),
    ];

    public static TheoryData<int> CorpusBatches() => [0, 1, 2, 3];

    /// <summary>Four runs of the five-parameter runbook carry the whole corpus through exec mode.</summary>
    [Theory]
    [MemberData(nameof(CorpusBatches))]
    public async Task Run_ExecModeHostileValues_ReachTheProgramByteIdenticalAndRunNothing(int batch)
    {
        var (marker, victim) = Markers();
        var values = Batch(batch, 5, marker, victim);

        var result = await RunAsync(
            ["run", "args", "v1=" + values[0], "v2=" + values[1], "v3=" + values[2], "v4=" + values[3], "v5=" + values[4], "--yes"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(HexLines(values[0], "--v2=" + values[1], values[2], values[3] + "x" + values[4]), result.StandardOutput);
        Assert.False(File.Exists(marker), "a value ran as a command");
        Assert.True(File.Exists(victim), "a value ran as a command");
    }

    [Fact]
    public async Task Run_TaskModeHostileValues_ReachTheContainerByteIdenticalAndRunNothing()
    {
        var (marker, victim) = Markers();
        string[] values = [.. s_corpus[..4].Select(v => v.Replace("MARKER", marker, StringComparison.Ordinal).Replace("VICTIM", victim, StringComparison.Ordinal))];

        var result = await RunAsync("run", "task-args", "v1=" + values[0], "v2=" + values[1], "v3=" + values[3], "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(HexLines(values[0], "--v2=" + values[1], values[3]), result.StandardOutput);
        Assert.False(File.Exists(marker), "a value ran as a command");
    }

    private (string Marker, string Victim) Markers()
    {
        var directory = NewDirectory();
        var victim = Path.Combine(directory, "victim");
        File.WriteAllText(victim, "still here");
        return (Path.Combine(directory, "pwned"), victim);
    }

    private static string[] Batch(int batch, int size, string marker, string victim) =>
        [.. Enumerable.Range(batch * size, size)
            .Select(i => i < s_corpus.Length ? s_corpus[i] : s_corpus[i % s_corpus.Length])
            .Select(v => v.Replace("MARKER", marker, StringComparison.Ordinal).Replace("VICTIM", victim, StringComparison.Ordinal))];
}
