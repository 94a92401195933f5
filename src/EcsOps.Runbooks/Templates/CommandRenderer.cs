using EcsOps.Runbooks.Exec;
using EcsOps.Runbooks.Parameters;

namespace EcsOps.Runbooks.Templates;

/// <summary>
/// Fills a runbook's templates with validated parameter values. The result is an argv: each element is one
/// argument as it will reach the process, never a shell line. The exec wrapper shell-quotes each element
/// (<see cref="ShellQuoting"/>) of the protected form, where secret values are references the remote shell fills in;
/// RunTask passes the list as the container's command.
/// </summary>
public static class CommandRenderer
{
    /// <summary>What a secret value is shown as.</summary>
    public const string Mask = "***";

    /// <exception cref="InvalidOperationException">A placeholder names a parameter that has no value (a bug: the schema checks this at load).</exception>
    public static RenderedCommand Render(CommandTemplate command, ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(values);
        var argv = command.Arguments.Select(a => a.Render(name => ValueOf(values, name))).ToList();
        var masked = command.Arguments.Select(a => a.Render(name => values.IsSecret(name) ? Mask : ValueOf(values, name))).ToList();
        return new RenderedCommand(argv, masked, Protect(command, values));
    }

    /// <summary>The argv with each secret placeholder as a reference to its value (one per secret parameter used).</summary>
    private static ProtectedArgv Protect(CommandTemplate command, ParameterValues values)
    {
        var secretNames = command.Placeholders.Where(values.IsSecret).ToList();
        var arguments = command.Arguments
            .Select(argument => (IReadOnlyList<ArgumentPart>)[.. argument.Segments.Select(segment => !segment.IsPlaceholder
                ? ArgumentPart.Literal(segment.Text)
                : values.IsSecret(segment.Text)
                    ? ArgumentPart.Secret(secretNames.IndexOf(segment.Text))
                    : ArgumentPart.Literal(ValueOf(values, segment.Text)))])
            .ToList();
        return new ProtectedArgv(arguments, [.. secretNames.Select(name => ValueOf(values, name))]);
    }

    /// <summary>One text (a lock scope): the values as they are.</summary>
    public static string RenderText(TextTemplate template, ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return template.Render(name => ValueOf(values, name));
    }

    /// <summary>One text with secret values masked.</summary>
    public static string RenderTextMasked(TextTemplate template, ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return template.Render(name => values.IsSecret(name) ? Mask : ValueOf(values, name));
    }

    private static string ValueOf(ParameterValues values, string name) =>
        values.TryGet(name, out var value) ? value : throw new InvalidOperationException($"no value for parameter '{name}'");
}
