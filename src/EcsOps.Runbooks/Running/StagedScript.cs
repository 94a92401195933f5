using System.Security.Cryptography;
using System.Text;
using EcsOps.Aws.Audit;

namespace EcsOps.Runbooks.Running;

/// <summary>
/// A task-mode command too long for RunTask's overrides, or holding secret values that RunTask's record must not show,
/// as a shell script in S3 plus a short bootstrap that is the container's command instead. The script is <c>exec</c> of the argv, every element single-quoted, so it runs exactly
/// the argv. The bootstrap fetches it with the AWS CLI as the task role (<c>aws s3 cp URI -</c>), checks its SHA-256
/// and evaluates it; a container without <c>aws</c> exits 127, a failed fetch or a wrong checksum 125, each with a
/// line on stderr (in the task's log). Needs sh, the AWS CLI and sha256sum in the image, and s3:GetObject on the
/// staging prefix for the task role; nothing is written to the container's file system.
/// </summary>
internal static class StagedScript
{
    /// <summary>What the bootstrap exits with when it cannot fetch or verify the script.</summary>
    public const int FetchFailedExitCode = 125;

    // $1: the script's s3:// URI; $2: its SHA-256 in hex. $(…) drops trailing newlines; the script has none.
    // An endpoint override in the environment is passed explicitly: AWS CLIs before 2.13 do not read AWS_ENDPOINT_URL.
    private const string BootstrapText =
        """
        command -v aws >/dev/null 2>&1 || { echo "ecsops: cannot fetch the staged command $1: this container has no aws CLI" >&2; exit 127; }
        e=${AWS_ENDPOINT_URL_S3:-${AWS_ENDPOINT_URL:-}}
        fetch() { if [ -n "$e" ]; then aws --endpoint-url "$e" s3 cp "$1" - --only-show-errors; else aws s3 cp "$1" - --only-show-errors; fi; }
        s=$(fetch "$1") || { echo "ecsops: cannot fetch the staged command $1" >&2; exit 125; }
        [ "$(printf '%s' "$s" | sha256sum)" = "$2  -" ] || { echo "ecsops: the staged command $1 does not match its SHA-256" >&2; exit 125; }
        eval "$s"
        """;

    /// <summary>The staged script's name below <c>runbooks.staging</c>.</summary>
    public static string NameFor(string runbook, AuditRunId runId) => $"{runbook}-{runId}.sh";

    /// <summary>
    /// The script that runs <paramref name="argv"/>. Its first line is a comment with 128 random bits: the bootstrap
    /// carries the script's SHA-256, which RunTask's record shows, and without the salt a guessable secret value in the
    /// script could be confirmed by hashing guesses.
    /// </summary>
    public static byte[] Script(IReadOnlyList<string> argv) =>
        Encoding.UTF8.GetBytes($"# {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}\nexec " + ShellQuoting.Join(argv));

    /// <summary>The container command that fetches, checks and runs the script at <paramref name="uri"/>.</summary>
    public static IReadOnlyList<string> Bootstrap(string uri, byte[] script) =>
        ["/bin/sh", "-c", BootstrapText, "ecsops-staged", uri, Convert.ToHexStringLower(SHA256.HashData(script))];
}
