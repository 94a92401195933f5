namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// The shell scripts a backup, restore or probe runs in the container (through <see cref="Exec.ExecWrapper"/>),
/// as argv. Every script first reads the connection preamble from stdin (<c>NAME=value</c> lines up to an empty
/// line; only libpq variables are accepted and exported), then takes the connection from the container's variable or
/// from those exported settings, checks that the tool exists, and runs it with <c>--no-password</c> so libpq never
/// waits on a prompt on the session's terminal. Failures before the tool starts print one marker line on stderr
/// (<see cref="MissingToolMarker"/>, <see cref="MissingVariableMarker"/>) and exit with a fixed status.
/// </summary>
/// <remarks>
/// A variable's value is expanded by the remote shell and handed to the tool as <c>--dbname</c>: it never travels in
/// the ExecuteCommand request, but inside the container it is in the tool's argv, visible to that container's own
/// processes, which can read the variable from the environment anyway. Settings from a secret are only ever
/// exported, so they stay out of every argv.
/// </remarks>
public static class PostgresScripts
{
    /// <summary>stderr marker, then the tool's name: the container has no such program.</summary>
    public const string MissingToolMarker = "ecsops-missing-tool:";

    /// <summary>stderr marker, then the variable's name: the container's environment does not set it.</summary>
    public const string MissingVariableMarker = "ecsops-missing-variable:";

    /// <summary>The exit status a shell uses for "command not found".</summary>
    public const int MissingToolStatus = 127;

    /// <summary>The exit status of a missing or empty connection variable.</summary>
    public const int MissingVariableStatus = 3;

    /// <summary>The name <c>$0</c> has in the scripts (shows in the container's process list).</summary>
    private const string ScriptName = "ecsops-db";

    private const string Preamble =
        """
        while IFS= read -r ecsops_setting; do
          [ -z "$ecsops_setting" ] && break
          case $ecsops_setting in
            __ALLOWED__) export "$ecsops_setting" ;;
            *) echo 'ecsops: unexpected connection setting on stdin' >&2; exit 2 ;;
          esac
        done
        """;

    private const string FromVariable =
        """
        if [ -z "${__VARIABLE__:-}" ]; then echo '__MISSING_VARIABLE__ __VARIABLE__' >&2; exit __MISSING_VARIABLE_STATUS__; fi
        set -- --dbname="$__VARIABLE__"
        """;

    private const string FromSettings =
        """
        set -- --dbname="$PGDATABASE"
        """;

    private const string RequireTool =
        """
        command -v __TOOL__ >/dev/null 2>&1 || { echo '__MISSING_TOOL__ __TOOL__' >&2; exit __MISSING_TOOL_STATUS__; }
        """;

    private const string ProbeBody =
        """
        for ecsops_tool in pg_dump pg_restore psql; do
          printf 'tool %s %s\n' "$ecsops_tool" "$(command -v "$ecsops_tool" 2>/dev/null)"
        done
        if command -v pg_dump >/dev/null 2>&1; then printf 'version %s\n' "$(pg_dump --version 2>/dev/null)"; fi
        if command -v psql >/dev/null 2>&1; then
          psql --no-password -X -A -t -q -v ON_ERROR_STOP=1 \
            -c "select 'size ' || pg_database_size(current_database())" \
            -c "select 'database ' || current_database()" "$@"
          printf 'psql-exit %s\n' "$?"
        fi
        """;

    // The task script's own arguments, kept before the connection replaces "$@" with pg_dump's. An endpoint override
    // in the environment is passed on explicitly: AWS CLIs before 2.13, common in images, ignore AWS_ENDPOINT_URL*.
    private const string TaskArguments =
        """
        ecsops_url=$1; ecsops_metadata=$2; ecsops_size=$3
        ecsops_endpoint=${AWS_ENDPOINT_URL_S3:-${AWS_ENDPOINT_URL:-}}
        exec 4>&1

        """;

    // s: pg_dump's status (reported on fd 3, captured), u: the upload's. Empty s means pg_dump never reported.
    private const string DumpToS3Body =
        """
        if ecsops_dir=$(mktemp -d 2>/dev/null) && mkfifo "$ecsops_dir/dump" 2>/dev/null && command -v sha256sum >/dev/null 2>&1; then
          sha256sum < "$ecsops_dir/dump" > "$ecsops_dir/sha256" &
          s=$( { { pg_dump --format=custom --no-password "$@"; echo $? >&3; } | tee "$ecsops_dir/dump"                  | aws s3 cp ${ecsops_endpoint:+--endpoint-url $ecsops_endpoint} - "$ecsops_url" --metadata "$ecsops_metadata" ${ecsops_size:+--expected-size $ecsops_size} --only-show-errors >&4; } 3>&1 )
          u=$?
          wait
          sha=$(cut -c1-64 "$ecsops_dir/sha256" 2>/dev/null)
          rm -rf "$ecsops_dir"
        else
          s=$( { { pg_dump --format=custom --no-password "$@"; echo $? >&3; }                  | aws s3 cp ${ecsops_endpoint:+--endpoint-url $ecsops_endpoint} - "$ecsops_url" --metadata "$ecsops_metadata" ${ecsops_size:+--expected-size $ecsops_size} --only-show-errors >&4; } 3>&1 )
          u=$?
          sha=
        fi
        if [ "$s" != 0 ] || [ "$u" != 0 ]; then aws s3 rm ${ecsops_endpoint:+--endpoint-url $ecsops_endpoint} "$ecsops_url" --only-show-errors >&4 2>&1; fi
        printf '__REPORT__ pg_dump=%s upload=%s sha256=%s\n' "${s:-none}" "$u" "$sha"
        [ "$u" = 0 ] || exit "$u"
        [ "$s" = 0 ] || exit "${s:-1}"

        """;

    /// <summary>Reports which tools exist, pg_dump's version, and (with psql) the database's name and size.</summary>
    public static IReadOnlyList<string> Probe(PostgresConnection connection) =>
        Argv(Connect(connection) + ProbeBody);

    /// <summary><c>pg_dump --format=custom</c> to stdout.</summary>
    public static IReadOnlyList<string> Dump(PostgresConnection connection) =>
        Argv(Connect(connection) + Require("pg_dump") + "exec pg_dump --format=custom --no-password \"$@\"\n");

    /// <summary><c>pg_restore</c> of the custom-format archive on stdin, stopping at the first error.</summary>
    /// <param name="clean">Drop each object before recreating it (<c>--clean --if-exists</c>).</param>
    /// <param name="singleTransaction">All or nothing: a failure rolls back everything.</param>
    public static IReadOnlyList<string> Restore(PostgresConnection connection, bool clean, bool singleTransaction)
    {
        var options = "--no-password --exit-on-error" + (clean ? " --clean --if-exists" : "") + (singleTransaction ? " --single-transaction" : "");
        return Argv(Connect(connection) + Require("pg_restore") + $"exec pg_restore {options} \"$@\"\n");
    }

    /// <summary>
    /// For a one-off task: <c>pg_dump | aws s3 cp - URL</c> with the task role's credentials, the dump also hashed on
    /// the way when the container can make a FIFO (a read-only root file system cannot), then one report line
    /// (<see cref="DumpTaskReport"/>). A failed dump or upload removes whatever the upload stored. Arguments: the
    /// object's s3:// URL, its metadata as JSON, and the expected size in bytes (empty when unknown).
    /// </summary>
    public static IReadOnlyList<string> DumpToS3(PostgresConnection.ContainerVariable connection, string url, string metadataJson, long? expectedSize)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var script = TaskArguments + Connect(connection) + Require("pg_dump") + Require("aws")
            + DumpToS3Body.Replace("__REPORT__", DumpTaskReport.Marker, StringComparison.Ordinal);
        return [.. Argv(script), url, metadataJson, expectedSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""];
    }

    private static string Connect(PostgresConnection connection)
    {
        var preamble = Preamble.Replace("__ALLOWED__", string.Join('|', LibpqSettings.KnownVariables.Order(StringComparer.Ordinal).Select(v => v + "=*")), StringComparison.Ordinal) + "\n";
        return connection switch
        {
            PostgresConnection.ContainerVariable variable => preamble + FromVariable
                .Replace("__MISSING_VARIABLE_STATUS__", MissingVariableStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("__MISSING_VARIABLE__", MissingVariableMarker, StringComparison.Ordinal)
                .Replace("__VARIABLE__", variable.Name, StringComparison.Ordinal) + "\n",
            PostgresConnection.Secret => preamble + FromSettings + "\n",
            _ => throw new ArgumentOutOfRangeException(nameof(connection), connection.GetType().Name, "unknown connection kind"),
        };
    }

    private static string Require(string tool) =>
        RequireTool
            .Replace("__MISSING_TOOL_STATUS__", MissingToolStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("__MISSING_TOOL__", MissingToolMarker, StringComparison.Ordinal)
            .Replace("__TOOL__", tool, StringComparison.Ordinal) + "\n";

    private static IReadOnlyList<string> Argv(string script) => ["/bin/sh", "-c", script, ScriptName];
}
