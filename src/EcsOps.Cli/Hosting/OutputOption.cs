using System.CommandLine;

namespace EcsOps.Cli.Hosting;

/// <summary><c>--output</c> / <c>-o</c>: a format for people (the default) or <c>json</c>, as every listing offers.</summary>
public static class OutputOption
{
    public const string Json = "json";

    /// <param name="humanFormat">The default: <c>table</c> or <c>text</c>.</param>
    /// <param name="description">The help text; "<paramref name="humanFormat"/> or json" when null.</param>
    public static Option<string> Create(string humanFormat, string? description = null)
    {
        var option = new Option<string>("--output", "-o") { Description = description ?? $"{humanFormat} or json", DefaultValueFactory = _ => humanFormat };
        option.AcceptOnlyFromAmong(humanFormat, Json);
        return option;
    }
}
