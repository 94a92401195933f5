using EcsOps.Aws.Artifacts;

namespace EcsOps.Cli.Database;

/// <summary>Reads an <c>s3://</c> option value, as a usage error when it is not one.</summary>
public static class S3UrlArgument
{
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
