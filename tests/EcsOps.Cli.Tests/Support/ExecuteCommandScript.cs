using System.Text;
using System.Text.RegularExpressions;

namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// Reads back the shell script inside an ExecuteCommand <c>command</c> that ExecWrapper built (a bootstrap that
/// decodes base64 that decodes the script), so tests can check what the request carried.
/// </summary>
public static partial class ExecuteCommandScript
{
    public static string Decode(string command)
    {
        var bootstrap = Encoding.ASCII.GetString(Convert.FromBase64String(BootstrapPattern().Match(command).Groups[1].Value));
        return Encoding.UTF8.GetString(Convert.FromBase64String(InnerPattern().Match(bootstrap).Groups[1].Value));
    }

    [GeneratedRegex(@"echo\$\{IFS\}([A-Za-z0-9+/=]+)\|")]
    private static partial Regex BootstrapPattern();

    [GeneratedRegex(@"echo ([A-Za-z0-9+/=]+)\|base64")]
    private static partial Regex InnerPattern();
}
