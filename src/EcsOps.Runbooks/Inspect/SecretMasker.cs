using System.Text.RegularExpressions;

namespace EcsOps.Runbooks.Inspect;

/// <summary>
/// Decides what inspect hides: variables whose names say they hold a secret (PASSWORD, SECRET, TOKEN, KEY,
/// CREDENTIAL, … as a word of the name, camelCase words included, or ending a word: DBPASSWORD, APIKEY), passwords inside URLs
/// (<c>postgres://app:&lt;masked&gt;@db:5432/app</c>, the rest stays readable), <c>name=value</c> and <c>name: value</c>
/// settings with such names in configuration text, and any other occurrence of a value already known to be secret.
/// </summary>
public sealed partial class SecretMasker
{
    /// <summary>What a hidden value is shown as.</summary>
    public const string Mask = "<masked>";

    /// <summary>Known secret values shorter than this are not searched for in text (too many false hits).</summary>
    public const int MinimumKnownValueLength = 6;

    private static readonly HashSet<string> s_secretWords = new(StringComparer.Ordinal)
    {
        "PASSWORD", "PASSWORDS", "PASSWD", "PASS", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "TOKENS", "KEY", "KEYS",
        "CREDENTIAL", "CREDENTIALS", "CREDS", "PRIVATE", "COOKIE", "SALT", "SIGNATURE", "AUTH", "DSN",
        "APIKEY", "ACCESSKEY", "SECRETKEY", "PRIVATEKEY", "SIGNINGKEY", "ENCRYPTIONKEY", "MASTERKEY", "SSHKEY", "LICENSEKEY", "AUTHKEY",
    };

    // Words ending in these are secret too (DBPASSWORD, ACCESSTOKEN); KEY is not among them (MONKEY, HOTKEY).
    private static readonly string[] s_secretSuffixes = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "CREDENTIALS"];

    private readonly HashSet<string> _knownValues = new(StringComparer.Ordinal);

    /// <summary>Values known to be secret (those of masked variables), hidden wherever else they appear.</summary>
    public IReadOnlyCollection<string> KnownValues => _knownValues;

    /// <summary>True when a variable or setting called <paramref name="name"/> holds a secret, by its name alone.</summary>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var word in WordSplitter().Split(CamelBoundary().Replace(name, "$1_$2").ToUpperInvariant()))
        {
            if (s_secretWords.Contains(word) || (word.Length > 4 && s_secretSuffixes.Any(s => word.EndsWith(s, StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Remembers a secret value so that <see cref="MaskText"/> hides it elsewhere too.</summary>
    public void AddKnownValue(string? value)
    {
        if (value is { Length: >= MinimumKnownValueLength })
        {
            _knownValues.Add(value);
        }
    }

    /// <summary>The value of variable <paramref name="name"/> as shown: <see cref="Mask"/>, URL passwords hidden, or as is.</summary>
    public (string Shown, bool Masked) MaskVariable(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (IsSecretName(name) || _knownValues.Contains(value))
        {
            return (Mask, true);
        }

        var shown = MaskKnownValues(MaskUrlPasswords(value));
        return (shown, shown != value);
    }

    /// <summary>Configuration text or log lines with secret settings, URL passwords and known secret values hidden.</summary>
    public (string Shown, bool Masked) MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = SettingLine().Replace(text, match =>
            IsSecretName(match.Groups["name"].Value) && MaskSettingValue(match.Groups["value"].Value) is { } masked
                ? match.Groups["head"].Value + masked
                : match.Value);
        shown = MaskKnownValues(MaskUrlPasswords(shown));
        return (shown, shown != text);
    }

    /// <summary><c>scheme://user:password@host</c> becomes <c>scheme://user:&lt;masked&gt;@host</c>.</summary>
    public static string MaskUrlPasswords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UrlPassword().Replace(text, match => match.Groups["password"].Length == 0
            ? match.Value
            : match.Groups["head"].Value + Mask + "@");
    }

    private string MaskKnownValues(string text)
    {
        foreach (var value in _knownValues.OrderByDescending(v => v.Length))
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The masked form of a setting's value, keeping quotes and a trailing comma; null when there is no value.</summary>
    private static string? MaskSettingValue(string value)
    {
        var trimmed = value.TrimEnd();
        if (trimmed.Length == 0 || trimmed is "|" or ">" or "{" or "[" or "|-" or ">-" or "null" or "~" or "\"\"" or "''")
        {
            return null;
        }

        var trailingComma = trimmed.EndsWith(',') ? "," : "";
        var core = trailingComma.Length > 0 ? trimmed[..^1].TrimEnd() : trimmed;
        if (core.Length >= 2 && core[0] is '"' or '\'' && core[^1] == core[0])
        {
            return core[0] + Mask + core[0] + trailingComma;
        }

        return Mask + trailingComma;
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelBoundary();

    [GeneratedRegex("[^A-Z0-9]+")]
    private static partial Regex WordSplitter();

    // name = value, name: value, "name": "value", export NAME=value; one setting per line.
    [GeneratedRegex("""^(?<head>[ \t]*(?:export[ \t]+)?["']?(?<name>[A-Za-z0-9_.\-]+)["']?[ \t]*[:=][ \t]*)(?<value>[^\r\n]*)$""", RegexOptions.Multiline)]
    private static partial Regex SettingLine();

    [GeneratedRegex("""(?<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/?#@\s]*:)(?<password>[^@/?#\s]*)@""")]
    private static partial Regex UrlPassword();
}
