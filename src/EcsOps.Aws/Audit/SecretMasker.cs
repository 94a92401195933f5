using System.Text.RegularExpressions;

namespace EcsOps.Aws.Audit;

/// <summary>
/// Keeps secrets out of audit events. Parameters are masked by name (exactly for names declared secret, and for
/// names that look like secrets: password, secret, token, api key, private key, credential). In command lines a
/// best-effort pass masks URL passwords (<c>postgres://user:***@host</c>), <c>NAME=value</c> with a secret-looking
/// NAME, and secret-looking options (<c>--password value</c>, <c>--token=value</c>).
/// </summary>
public static partial class SecretMasker
{
    /// <summary>What a masked value becomes.</summary>
    public const string Mask = "***";

    /// <summary>True when a parameter or variable name suggests its value is secret.</summary>
    public static bool LooksSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SecretName().IsMatch(name);
    }

    /// <summary>The parameters with secret values replaced by <see cref="Mask"/>.</summary>
    public static IReadOnlyDictionary<string, string> MaskParameters(
        IReadOnlyDictionary<string, string> parameters, IReadOnlyCollection<string>? secretNames)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var masked = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            masked[name] = secretNames?.Contains(name) == true || LooksSecret(name) ? Mask : MaskText(value);
        }

        return masked;
    }

    /// <summary>The text with the secrets this class recognises replaced by <see cref="Mask"/>.</summary>
    public static string MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = UrlPassword().Replace(text, m => m.Groups["head"].Value + Mask + "@");
        masked = SecretAssignment().Replace(masked, m => m.Groups["name"].Value + "=" + Mask);
        return SecretOption().Replace(masked, m => m.Groups["option"].Value + m.Groups["separator"].Value + Mask);
    }

    private const string SecretWords = "pass(?:word|wd|phrase)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential";

    [GeneratedRegex("(?i)(" + SecretWords + ")")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?<head>[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?i)(?<![\w-])(?<name>[a-z0-9_]*(?:" + SecretWords + @")[a-z0-9_]*)=(?<value>[^\s'""]+|'[^']*'|""[^""]*"")")]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"(?i)(?<option>--?[a-z0-9-]*(?:" + SecretWords + @")[a-z0-9-]*)(?<separator>=|\s+)(?<value>[^\s'""-][^\s]*|'[^']*'|""[^""]*"")")]
    private static partial Regex SecretOption();
}
