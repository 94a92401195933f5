namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// A stand-in for AWS's session-manager-plugin (not installable here): a shell script named like it that answers
/// <c>--version</c> with <c>$FAKE_PLUGIN_VERSION</c>, and otherwise records its arguments and the environment variables
/// the contract uses into a directory per run, then exits with <c>$FAKE_PLUGIN_EXIT</c>. It connects to nothing.
/// </summary>
public sealed class FakeSessionManagerPlugin : IDisposable
{
    private const string Script = """
        #!/bin/sh
        here="$(dirname "$0")"
        if [ "$1" = "--version" ]; then echo "${FAKE_PLUGIN_VERSION:-1.2.707.0}"; exit 0; fi
        run="$here/runs/$$"
        mkdir -p "$run"
        n=0
        for a in "$@"; do n=$((n+1)); printf '%s' "$a" > "$run/arg$n"; done
        printf '%s' "$n" > "$run/argc"
        printf '%s' "${AWS_SSM_START_SESSION_RESPONSE-unset}" > "$run/response-variable"
        printf '%s' "${AWS_ACCESS_KEY_ID-unset}" > "$run/access-key"
        printf '%s' "${AWS_PROFILE-unset}" > "$run/profile"
        exit "${FAKE_PLUGIN_EXIT:-0}"
        """;

    public FakeSessionManagerPlugin()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("ecsops-fake-plugin-").FullName;
        Path = System.IO.Path.Combine(Directory, "session-manager-plugin");
        File.WriteAllText(Path, Script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The directory holding the plugin; put it first on PATH to have it found there.</summary>
    public string Directory { get; }

    public string Path { get; }

    /// <summary>What each run recorded, in no particular order.</summary>
    public IReadOnlyList<PluginRun> Runs()
    {
        var runs = System.IO.Path.Combine(Directory, "runs");
        return !System.IO.Directory.Exists(runs) ? [] : System.IO.Directory.GetDirectories(runs).Select(PluginRun.Read).ToList();
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>One recorded run: argv after the executable, and the variables the contract passes.</summary>
public sealed record PluginRun(IReadOnlyList<string> Arguments, string ResponseVariable, string AccessKeyId, string Profile)
{
    public static PluginRun Read(string directory)
    {
        var count = int.Parse(File.ReadAllText(System.IO.Path.Combine(directory, "argc")), System.Globalization.CultureInfo.InvariantCulture);
        var arguments = Enumerable.Range(1, count).Select(i => File.ReadAllText(System.IO.Path.Combine(directory, $"arg{i}"))).ToList();
        return new PluginRun(
            arguments,
            File.ReadAllText(System.IO.Path.Combine(directory, "response-variable")),
            File.ReadAllText(System.IO.Path.Combine(directory, "access-key")),
            File.ReadAllText(System.IO.Path.Combine(directory, "profile")));
    }
}
