using System.CommandLine;
using EcsOps.Aws.Artifacts;

namespace EcsOps.Cli.Database;

/// <summary>Reads an <c>s3://</c> option value, as a usage error when it is not one.</summary>
public static class S3UrlArgument
{
    /// <summary>A required option whose value is an <c>s3://</c> URL, read with <see cref="Parse(ParseResult, Option{string})"/>.</summary>
    public static Option<string> RequiredOption(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        HelpName = "S3URL",
    };

    public static S3Url Parse(ParseResult parse, Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(option);
        return Parse(option.Name, parse.GetValue(option)!);
    }

    public static S3Url Parse(string optionName, string text)
    {
        try
        {
            return S3Url.Parse(text);
        }
        catch (FormatException error)
        {
            throw new UserFacingException($"{optionName}: {error.Message}", ExitCodes.Usage, error);
        }
    }
}
