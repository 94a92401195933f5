namespace EcsOps.Runbooks.Parameters;

/// <summary>Parameter values as typed on a command line: <c>name=value</c>, split at the first <c>=</c>; the value may be empty.</summary>
public static class ParameterArguments
{
    /// <exception cref="RunbookUsageException">An argument without <c>=</c> or name, or a parameter given twice.</exception>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                var shown = argument.Length > 40 ? argument[..40] + "…" : argument;
                throw new RunbookUsageException(RunbookUsageKind.MalformedArgument, $"'{shown.ReplaceLineEndings("\\n")}' is not a parameter: write name=value");
            }

            var name = argument[..equals];
            if (!values.TryAdd(name, argument[(equals + 1)..]))
            {
                throw new RunbookUsageException(RunbookUsageKind.MalformedArgument, $"parameter '{name}' is given twice");
            }
        }

        return values;
    }
}
