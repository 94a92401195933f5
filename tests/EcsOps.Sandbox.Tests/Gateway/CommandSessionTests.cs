using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Gateway.Support;

namespace EcsOps.Sandbox.Tests.Gateway;

/// <summary>AWS-StartNonInteractiveCommand end to end: handshake, no PTY, separate streams, the exit code last.</summary>
[Collection(SessionSandboxCollection.Name)]
public class CommandSessionTests(SessionSandboxFixture fixture)
{
    private SessionSandbox Sandbox => fixture.Sandbox;

    private Task<SessionHandle> StartCommandAsync(string command, bool separate = true) =>
        Sandbox.StartSessionAsync(SessionDocuments.NonInteractiveCommand, new()
        {
            ["command"] = [command],
            ["separateOutputStream"] = [separate ? "true" : "false"],
        });

    [Fact]
    public async Task NonInteractiveCommand_ExitCode3WithStderr_StreamsSeparatedAndExitCodeLast()
    {
        var session = await StartCommandAsync("sh -c 'echo to-stdout; echo to-stderr >&2; exit 3'");
        await using var client = await Sandbox.OpenClientAsync(session);

        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var result = await new CommandSessionClient(client.Channel).RunAsync(stdout, stderr, TestDeadline.Token()).WithinTestDeadline();

        Assert.Equal(SessionType.NonInteractiveCommands, handshake.Session.SessionType);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("to-stdout\n", System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("to-stderr\n", System.Text.Encoding.UTF8.GetString(stderr.ToArray()));
        await client.Channel.Completion.WithinTestDeadline();
        Assert.Equal("", client.Channel.ClosedBy?.Output);
    }

    [Fact]
    public async Task NonInteractiveCommand_WithoutSeparateStreams_OutputCombinedNoExitCode()
    {
        var session = await StartCommandAsync("sh -c 'echo one; echo two >&2; exit 5'", separate: false);
        await using var client = await Sandbox.OpenClientAsync(session);

        await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var result = await new CommandSessionClient(client.Channel).RunAsync(stdout, stderr, TestDeadline.Token()).WithinTestDeadline();

        Assert.Null(result.ExitCode);
        Assert.Equal(0, stderr.Length);
        var combined = System.Text.Encoding.UTF8.GetString(stdout.ToArray());
        Assert.Contains("one\n", combined, StringComparison.Ordinal);
        Assert.Contains("two\n", combined, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonInteractiveCommand_InterruptByte_SignalsTheProcess()
    {
        var session = await StartCommandAsync("sh -c 'trap \"echo interrupted; exit 130\" INT; echo waiting; while :; do sleep 0.05; done'");
        await using var client = await Sandbox.OpenClientAsync(session);
        await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        var command = new CommandSessionClient(client.Channel);
        var stdout = new SignallingStream("waiting");
        using var stderr = new MemoryStream();

        var run = command.RunAsync(stdout, stderr, TestDeadline.Token());
        await stdout.Seen.WithinTestDeadline();
        await command.SendSignalAsync(TerminalSignal.Interrupt, TestDeadline.Token());
        var result = await run.WithinTestDeadline();

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("interrupted", stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonInteractiveCommand_ProgramMissing_Exit127WithReasonOnStderr()
    {
        var session = await StartCommandAsync("/no/such/program --flag");
        await using var client = await Sandbox.OpenClientAsync(session);

        await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var result = await new CommandSessionClient(client.Channel).RunAsync(stdout, stderr, TestDeadline.Token()).WithinTestDeadline();

        Assert.Equal(127, result.ExitCode);
        Assert.Contains("/no/such/program", System.Text.Encoding.UTF8.GetString(stderr.ToArray()), StringComparison.Ordinal);
    }
}
