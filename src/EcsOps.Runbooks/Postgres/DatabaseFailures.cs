using EcsOps.Aws.Discovery;

namespace EcsOps.Runbooks.Postgres;

/// <summary>Turns the fixed failures of <see cref="PostgresScripts"/> (a marker line and status) into typed exceptions with what to do.</summary>
internal static class DatabaseFailures
{
    public static void ThrowIfSetupFailed(int status, string errors, DiscoveredContainer container)
    {
        if (status == PostgresScripts.MissingToolStatus && Marked(errors, PostgresScripts.MissingToolMarker) is { } tool)
        {
            throw MissingTool(tool, container);
        }

        if (status == PostgresScripts.MissingVariableStatus && Marked(errors, PostgresScripts.MissingVariableMarker) is { } variable)
        {
            throw new DatabaseConnectionException(
                $"the container {container.Path} has no environment variable {variable} (or it is empty), so there is no database "
                + "connection to use: name the variable with --database-url-env, or pass the connection's secret with --secret ARN");
        }
    }

    public static DatabaseToolMissingException MissingTool(string tool, DiscoveredContainer container) =>
        tool == "aws"
            ? new($"the image of {container.Path} has no aws (the AWS CLI), which --as-task needs to write the dump to S3: "
                + "add it to the image, or back up through exec (without --as-task)")
            : new($"the container {container.Path} has no {tool}: install postgresql-client in its image, "
                + "or use --as-task with an image that has it");

    private static string? Marked(string errors, string marker)
    {
        foreach (var line in errors.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith(marker, StringComparison.Ordinal))
            {
                return trimmed[marker.Length..].Trim();
            }
        }

        return null;
    }
}
