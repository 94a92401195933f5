using System.Diagnostics;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Tests.Support;

/// <summary>
/// Runs a wrapped command the way ECS Exec does: split into argv on whitespace, executed without a shell
/// on a real PTY (Python's pty module as the stand-in agent), secret values and then stdin typed only after the ready line.
/// </summary>
internal static class PtyCommandRunner
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    // A minimal agent: the child on a PTY, keystrokes copied in on their own thread so that a full input
    // queue never stops output from draining (Python's pty.spawn does both on one thread and deadlocks).
    private const string PtyAgentScript = """
        import os, pty, sys, threading
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(sys.argv[1], sys.argv[1:])
        def keys():
            while True:
                data = os.read(0, 65536)
                if not data:
                    return
                while data:
                    data = data[os.write(fd, data):]
        threading.Thread(target=keys, daemon=True).start()
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            os.write(1, data)
        sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) & 0xff)
        """;

    /// <param name="inputAfterOutput">When set, stdin is typed only once stdout has shown this text (else after the ready line).</param>
    public static async Task<ExecRun> RunAsync(WrappedCommand wrapped, byte[]? stdin = null, string? path = null, string? inputAfterOutput = null)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(PtyAgentScript);
        foreach (var word in wrapped.Command.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(word);
        }

        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }

        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(s_deadline);
        var decoder = new ExecOutputDecoder(wrapped.Nonce);
        var run = new ExecRun();
        var buffer = new byte[8192];
        var output = process.StandardOutput.BaseStream;
        var sending = Task.CompletedTask;
        var inputStarted = false;
        try
        {
            int read;
            while ((read = await output.ReadAsync(buffer, cancel.Token)) > 0)
            {
                foreach (var record in decoder.Feed(buffer.AsSpan(0, read)))
                {
                    switch (record.Kind)
                    {
                        case ExecOutputKind.Ready when inputAfterOutput is null:
                            // Input goes on its own task: awaiting it here would stop us draining output.
                            sending = SendInputAsync(process, wrapped.SecretInput, stdin ?? [], cancel.Token);
                            break;
                        case ExecOutputKind.StandardOutput:
                            run.Stdout.Write(record.Data);
                            if (inputAfterOutput is not null && !inputStarted
                                && System.Text.Encoding.UTF8.GetString(run.Stdout.ToArray()).Contains(inputAfterOutput, StringComparison.Ordinal))
                            {
                                inputStarted = true;
                                sending = SendInputAsync(process, wrapped.SecretInput, stdin ?? [], cancel.Token);
                            }

                            break;
                        case ExecOutputKind.StandardError:
                            run.Stderr.Write(record.Data);
                            break;
                        case ExecOutputKind.Exit:
                            run.ExitCode = record.ExitCode;
                            break;
                        case ExecOutputKind.MissingTool:
                            run.MissingTool = record.Text;
                            break;
                        default:
                            run.Noise.Add(record.Text);
                            break;
                    }
                }
            }

            await sending;
            await process.WaitForExitAsync(cancel.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return run;
    }

    private static async Task SendInputAsync(Process process, ReadOnlyMemory<byte> secretInput, byte[] stdin, CancellationToken cancellationToken)
    {
        var encoder = new ExecInputEncoder();
        var input = process.StandardInput.BaseStream;
        await input.WriteAsync(secretInput, cancellationToken);
        for (var offset = 0; offset < stdin.Length; offset += 64 * 1024)
        {
            await input.WriteAsync(encoder.Encode(stdin.AsSpan(offset, Math.Min(64 * 1024, stdin.Length - offset))), cancellationToken);
        }

        await input.WriteAsync(encoder.Finish(), cancellationToken);
        await input.FlushAsync(cancellationToken);
    }
}

internal sealed class ExecRun
{
    public MemoryStream Stdout { get; } = new();

    public MemoryStream Stderr { get; } = new();

    public int? ExitCode { get; set; }

    public string? MissingTool { get; set; }

    public List<string> Noise { get; } = [];
}
