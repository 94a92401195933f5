using System.Diagnostics;
using System.Text;

namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// A real terminal for interactive tests: a private tmux server whose one pane runs a script. The pane's output is
/// piped into a FIFO that <see cref="WaitForOutputAsync"/> reads, so tests wait for what the terminal shows rather
/// than for time to pass; the script signals its end with <c>tmux wait-for</c>.
/// </summary>
public sealed class TmuxSession : IAsyncDisposable
{
    public const string Executable = "/usr/bin/tmux";
    private const string DoneChannel = "done";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    private readonly string _socket;
    private readonly string _directory;
    private readonly StringBuilder _seen = new();
    private readonly Task<FileStream> _output;

    private TmuxSession(string socket, string directory, Task<FileStream> output)
    {
        _socket = socket;
        _directory = directory;
        _output = output;
    }

    public static bool IsAvailable => File.Exists(Executable);

    /// <summary>Everything the pane has shown so far (raw, control sequences included).</summary>
    public string Seen => _seen.ToString();

    /// <summary>Where the script may leave files for the test.</summary>
    public string Directory => _directory;

    /// <summary>Starts a 120×40 terminal running <paramref name="script"/> (sh) with <paramref name="environment"/>.</summary>
    public static async Task<TmuxSession> StartAsync(string script, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ecsops-tmux-").FullName;
        var socket = "ecsops-test-" + Guid.NewGuid().ToString("N")[..12];
        var scriptPath = Path.Combine(directory, "pane.sh");
        await File.WriteAllTextAsync(scriptPath,
            $"#!/bin/sh\n{script}\n{Executable} -L {socket} wait-for -S {DoneChannel}\nexec sleep 600\n");
        var fifo = Path.Combine(directory, "output.fifo");
        await RunAsync("mkfifo", fifo);

        var arguments = new List<string> { "-L", socket, "new-session", "-d", "-s", "t", "-x", "120", "-y", "40", "-c", workingDirectory };
        foreach (var (name, value) in environment)
        {
            arguments.Add("-e");
            arguments.Add($"{name}={value}");
        }

        // The pane starts after pipe-pane is attached: the script first waits on a channel the test signals.
        arguments.Add($"{Executable} -L {socket} wait-for go; exec sh {scriptPath}");
        await RunAsync(Executable, [.. arguments]);
        var output = Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1));
        await RunAsync(Executable, "-L", socket, "pipe-pane", "-O", "-t", "t", $"cat > {fifo}");
        await output.WaitAsync(s_deadline);
        await RunAsync(Executable, "-L", socket, "wait-for", "-S", "go");
        return new TmuxSession(socket, directory, output);
    }

    /// <summary>Types keys (tmux key names such as <c>Enter</c> and <c>C-c</c>, or literal text).</summary>
    public Task SendKeysAsync(params string[] keys) => RunAsync(Executable, ["-L", _socket, "send-keys", "-t", "t", .. keys]);

    /// <summary>Resizes the terminal; the programs in it get SIGWINCH.</summary>
    public Task ResizeAsync(int columns, int rows) =>
        RunAsync(Executable, "-L", _socket, "resize-window", "-t", "t", "-x", columns.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", rows.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Reads the pane's output until <paramref name="text"/> has appeared (since the start).</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var stream = await _output;
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(s_deadline);
        while (!_seen.ToString().Contains(text, StringComparison.Ordinal))
        {
            int read;
            try
            {
                // A read of a FIFO does not observe its token once started, so the deadline is enforced on the wait.
                read = await stream.ReadAsync(buffer, deadline.Token).AsTask().WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"'{text}' did not appear within {s_deadline}; the terminal showed: {Printable(Seen)}");
            }

            if (read == 0)
            {
                throw new EndOfStreamException($"the terminal closed before '{text}' appeared; it showed: {Printable(Seen)}");
            }

            _seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }

    /// <summary>The local terminal settings of the pane right now (<c>stty -a</c> on its tty).</summary>
    public async Task<string> PaneTerminalSettingsAsync()
    {
        var tty = (await RunAsync(Executable, "-L", _socket, "display-message", "-p", "-t", "t", "#{pane_tty}")).Trim();
        return await RunAsync("stty", "-a", "-F", tty);
    }

    /// <summary>Waits until the script after the program has run (it signals <c>done</c>).</summary>
    public Task WaitForScriptEndAsync() => RunAsync(Executable, "-L", _socket, "wait-for", DoneChannel);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Executable, "-L", _socket, "kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        if (_output.IsCompletedSuccessfully)
        {
            await (await _output).DisposeAsync();
        }

        System.IO.Directory.Delete(_directory, recursive: true);
    }

    private static string Printable(string text) =>
        new(text.Select(c => char.IsControl(c) && c != '\n' ? '·' : c).ToArray());

    private static async Task<string> RunAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + executable);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(s_deadline);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        }

        return stdout;
    }
}
