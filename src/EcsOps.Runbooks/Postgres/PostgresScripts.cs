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
