using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Logs;

/// <summary>
/// The term form of CloudWatch Logs filter patterns: every plain term (or "quoted phrase") must occur,
/// at least one <c>?term</c> must occur when any is given, and no <c>-term</c> may occur. Matching is
/// case-sensitive. JSON (<c>{ $.x = … }</c>) and space-delimited (<c>[a, b]</c>) patterns are not supported.
/// </summary>
internal sealed class FilterPattern
{
    private readonly List<string> _required = [];
    private readonly List<string> _anyOf = [];
    private readonly List<string> _excluded = [];

    public static FilterPattern Parse(string? pattern)
    {
        var parsed = new FilterPattern();
        var text = pattern?.Trim() ?? "";
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            throw new AwsErrorException("InvalidParameterException", "The sandbox supports term filter patterns only, not JSON or space-delimited patterns.");
        }

        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var list = parsed._required;
            if (text[i] is '?' or '-')
            {
                list = text[i] == '?' ? parsed._anyOf : parsed._excluded;
                i++;
            }

            string term;
            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                term = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
            }
            else
            {
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]))
                {
                    end++;
                }

                term = text[i..end];
                i = end;
            }

            if (term.Length > 0)
            {
                list.Add(term);
            }
        }

        return parsed;
    }

    public bool Matches(string message) =>
        _required.All(t => message.Contains(t, StringComparison.Ordinal))
        && (_anyOf.Count == 0 || _anyOf.Any(t => message.Contains(t, StringComparison.Ordinal)))
        && !_excluded.Any(t => message.Contains(t, StringComparison.Ordinal));
}
