using System.Text;
using System.Text.Json;

namespace EcsOps.TestSupport;

/// <summary>
/// A Python program to run as a remote command that reports what the processes around it can see: its own arguments,
/// a SHA-256 of its whole stdin, and the command line and environment of itself and every ancestor it can read (the
/// wrapper's shells, the agent, up to the sandbox), as one JSON line on stdout.
/// </summary>
public static class ProcessProbe
{
    public const string Script =
        "import sys, os, json, hashlib\n"
        + "def chain():\n"
        + "    pid = os.getpid()\n"
        + "    while pid > 1:\n"
        + "        try:\n"
        + "            cmd = open('/proc/%d/cmdline' % pid, 'rb').read(); env = open('/proc/%d/environ' % pid, 'rb').read()\n"
        + "            ppid = int([l.split()[1] for l in open('/proc/%d/status' % pid).read().splitlines() if l.startswith('PPid:')][0])\n"
        + "        except OSError:\n"
        + "            return\n"
        + "        yield {'pid': pid, 'cmdline': cmd.hex(), 'environ': env.hex()}\n"
        + "        pid = ppid\n"
        + "data = sys.stdin.buffer.read()\n"
        + "print(json.dumps({'argv': [a.encode('utf-8', 'surrogateescape').hex() for a in sys.argv[1:]], "
        + "'stdin': hashlib.sha256(data).hexdigest(), 'processes': list(chain())}))\n";

    public static ProbeReport Parse(string output)
    {
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        return new ProbeReport(
            [.. root.GetProperty("argv").EnumerateArray().Select(a => Encoding.UTF8.GetString(Convert.FromHexString(a.GetString()!)))],
            root.GetProperty("stdin").GetString()!,
            [.. root.GetProperty("processes").EnumerateArray().Select(p => new ProbedProcess(
                p.GetProperty("pid").GetInt32(),
                Convert.FromHexString(p.GetProperty("cmdline").GetString()!),
                Convert.FromHexString(p.GetProperty("environ").GetString()!)))]);
    }
}

/// <param name="Arguments">The probe's arguments after its program.</param>
/// <param name="StdinSha256">Lower-case hex SHA-256 of everything it read on stdin.</param>
/// <param name="Processes">The probe itself first, then its parent, and so on.</param>
public sealed record ProbeReport(IReadOnlyList<string> Arguments, string StdinSha256, IReadOnlyList<ProbedProcess> Processes)
{
    /// <summary>
    /// Where <paramref name="secret"/> shows in a command line or an environment: as it is, or inside the script of an
    /// ExecWrapper bootstrap; <paramref name="exceptOwnArguments"/> skips the probe's own command line.
    /// </summary>
    public IReadOnlyList<string> PlacesShowing(string secret, bool exceptOwnArguments)
    {
        var places = new List<string>();
        foreach (var process in Processes)
        {
            var commandLine = Encoding.UTF8.GetString(process.CommandLine);
            if (!(exceptOwnArguments && process == Processes[0]) && Shows(commandLine, secret))
            {
                places.Add($"command line of pid {process.Pid}");
            }

            if (Shows(Encoding.UTF8.GetString(process.Environment), secret))
            {
                places.Add($"environment of pid {process.Pid}");
            }
        }

        return places;
    }

    private static bool Shows(string text, string secret) =>
        text.Contains(secret, StringComparison.Ordinal)
        || (ExecuteCommandScript.TryDecode(text, out var script) && script.Contains(secret, StringComparison.Ordinal));
}

/// <param name="CommandLine">/proc/PID/cmdline: the arguments, each ended by NUL.</param>
/// <param name="Environment">/proc/PID/environ: NAME=value entries, each ended by NUL.</param>
public sealed record ProbedProcess(int Pid, byte[] CommandLine, byte[] Environment);
