using System.Text;
using System.Text.RegularExpressions;

namespace EcsOps.TestSupport;

/// <summary>
/// Reads back the shell script inside an ExecuteCommand <c>command</c> that ExecWrapper built (a bootstrap that
/// decodes base64 that decodes the script), so tests can check what the request carried.
/// </summary>
public static partial class ExecuteCommandScript
{
    public static string Decode(string command) =>
        TryDecode(command, out var script) ? script : throw new FormatException("not an ExecWrapper bootstrap: " + command);

    /// <summary>Finds a bootstrap anywhere in <paramref name="text"/> (a whole process command line, say) and decodes it.</summary>
    public static bool TryDecode(string text, out string script)
    {
        script = "";
        var outer = BootstrapPattern().Match(text);
        if (!outer.Success)
        {
            return false;
        }

        var inner = InnerPattern().Match(Encoding.ASCII.GetString(Convert.FromBase64String(outer.Groups[1].Value)));
        if (!inner.Success)
        {
            return false;
        }

        script = Encoding.UTF8.GetString(Convert.FromBase64String(inner.Groups[1].Value));
        return true;
    }

    [GeneratedRegex(@"echo\$\{IFS\}([A-Za-z0-9+/=]+)\|")]
    private static partial Regex BootstrapPattern();

    [GeneratedRegex(@"echo ([A-Za-z0-9+/=]+)\|base64")]
    private static partial Regex InnerPattern();
}
