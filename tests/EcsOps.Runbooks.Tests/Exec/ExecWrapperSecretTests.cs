using System.Security.Cryptography;
using System.Text;
using EcsOps.Runbooks.Exec;
using EcsOps.Runbooks.Tests.Support;
using EcsOps.TestSupport;

namespace EcsOps.Runbooks.Tests.Exec;

/// <summary>
/// Secret values of a <see cref="ProtectedArgv"/> on a real PTY: typed after the ready line, they reach the command as
/// literal parts of their argument, while neither the command string nor any wrapper process's command line or
/// environment holds them, and the command's stdin still follows byte for byte.
/// </summary>
public class ExecWrapperSecretTests
{
    /// <summary>Hostile secrets: shell syntax, quotes, newlines, protocol look-alikes, the longest value allowed.</summary>
    public static TheoryData<string> Secrets() =>
    [
        "$(touch /tmp/ecsops-secret-injected)`touch /tmp/ecsops-secret-injected`; reboot",
        "it's \"quoted\" \\ \\' \\\" ${IFS} $HOME * ?",
        "line1\nline2\n\n",
        "\nYWJj\n\n\u0004R0123 X0123 0\n",
        "  spaces\tand\ttabs  ",
        "žluťoučký kůň 🐴",
        "",
        string.Concat(Enumerable.Repeat("x'\"$(reboot)`;\n\\ é", 2048))[..32768],
    ];

    [Theory]
    [MemberData(nameof(Secrets))]
    public async Task Wrapped_SecretValue_ArrivesAsLiteralPartOfOneArgumentAndNowhereElse(string secret)
    {
        var stdin = RandomNumberGenerator.GetBytes(100_000);
        var wrapped = ExecWrapper.Wrap(ProbeCommand(secret, "other-secret"));

        var run = await PtyCommandRunner.RunAsync(wrapped, stdin);

        Assert.True(run.ExitCode == 0, Encoding.UTF8.GetString(run.Stderr.ToArray()));
        var report = ProcessProbe.Parse(Encoding.UTF8.GetString(run.Stdout.ToArray()));
        Assert.Equal(["--token=" + secret + "!", secret, "plain $(x)", "other-secret:" + secret], report.Arguments);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stdin)), report.StdinSha256);
        Assert.False(File.Exists("/tmp/ecsops-secret-injected"));
        if (secret.Length > 0)
        {
            Assert.DoesNotContain(secret, ExecuteCommandScript.Decode(wrapped.Command), StringComparison.Ordinal);
            Assert.Empty(report.PlacesShowing(secret, exceptOwnArguments: true));
            // The check saw the wrapper's shells (their command line is the bootstrap) and does see an argument.
            Assert.Contains(report.Processes.Skip(1), p => ExecuteCommandScript.TryDecode(Encoding.UTF8.GetString(p.CommandLine), out _));
            Assert.Equal([$"command line of pid {report.Processes[0].Pid}"], report.PlacesShowing(secret, exceptOwnArguments: false));
        }
    }

    [Fact]
    public async Task Wrapped_Secret_NotInTheCommandStringButItsReferenceIs()
    {
        var wrapped = ExecWrapper.Wrap(ProbeCommand("hunter2-secret", "s3cond"));

        var script = ExecuteCommandScript.Decode(wrapped.Command);

        Assert.DoesNotContain("hunter2-secret", script, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cond", script, StringComparison.Ordinal);
        Assert.Contains("'--token='\"${ecsops_s0}\"'!'", script, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", wrapped.ToString(), StringComparison.Ordinal);
        var run = await PtyCommandRunner.RunAsync(wrapped);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Wrapped_NoSecrets_ScriptAndInputAsBefore()
    {
        var plain = ExecWrapper.Wrap(["printf", "%s", "value"], "n0nce");
        var protectedPlain = ExecWrapper.Wrap(ProtectedArgv.Plain(["printf", "%s", "value"]), "n0nce");

        Assert.Equal(plain.Command, protectedPlain.Command);
        Assert.True(plain.SecretInput.IsEmpty);
        Assert.DoesNotContain("ecsops_secret", ExecuteCommandScript.Decode(plain.Command), StringComparison.Ordinal);
    }

    [BusyboxFact]
    public async Task Wrapped_SecretOnBusyboxOnly_ArrivesByteIdenticalWithStdinAfterIt()
    {
        var busybox = Toolset.Busybox;
        var secret = string.Concat(Enumerable.Repeat("'\"$(id)`\n\\ ž", 600));
        var stdin = RandomNumberGenerator.GetBytes(50_000);
        var argv = new ProtectedArgv(
            [[ArgumentPart.Literal("sh")], [ArgumentPart.Literal("-c")], [ArgumentPart.Literal("printf '%s|' \"$1\"; sha256sum")],
             [ArgumentPart.Literal("sh")], [ArgumentPart.Literal("<"), ArgumentPart.Secret(0), ArgumentPart.Literal(">")]],
            [secret]);
        var wrapped = ExecWrapper.Wrap(argv);
        var onBusybox = wrapped with { Command = wrapped.Command.Replace("/bin/sh ", Path.Combine(busybox.Path!, "sh") + " ", StringComparison.Ordinal) };

        var run = await PtyCommandRunner.RunAsync(onBusybox, stdin, busybox.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"<{secret}>|{Convert.ToHexStringLower(SHA256.HashData(stdin))}  -\n", Encoding.UTF8.GetString(run.Stdout.ToArray()));
    }

    /// <summary>The probe with the secret in three elements (whole, inside text, next to a second secret) and a plain one.</summary>
    private static ProtectedArgv ProbeCommand(string secret, string second) => new(
        [
            [ArgumentPart.Literal("python3")],
            [ArgumentPart.Literal("-c")],
            [ArgumentPart.Literal(ProcessProbe.Script)],
            [ArgumentPart.Literal("--token="), ArgumentPart.Secret(0), ArgumentPart.Literal("!")],
            [ArgumentPart.Secret(0)],
            [ArgumentPart.Literal("plain $(x)")],
            [ArgumentPart.Secret(1), ArgumentPart.Literal(":"), ArgumentPart.Secret(0)],
        ],
        [secret, second]);
}
