namespace EcsOps.Aws.Config;

/// <summary>
/// A problem with <c>ecsops.yaml</c>: unreadable YAML, an unknown key, a value of the wrong shape. The message is
/// one line in compiler form, <c>path:line:column: what is wrong</c>, ready to print.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message) : base(message)
    {
    }

    public ConfigException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ConfigException(string? path, int line, int column, string problem, Exception? innerException = null)
        : base(Format(path, line, column, problem), innerException)
    {
        Path = path;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file, or null for text that did not come from a file.</summary>
    public string? Path { get; }

    /// <summary>1-based; 0 when the problem is the file as a whole.</summary>
    public int Line { get; }

    /// <summary>1-based; 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The message without the location.</summary>
    public string? Problem { get; }

    private static string Format(string? path, int line, int column, string problem)
    {
        var where = path ?? "ecsops.yaml";
        if (line > 0)
        {
            where += ":" + line;
            if (column > 0)
            {
                where += ":" + column;
            }
        }

        return where + ": " + problem;
    }
}
