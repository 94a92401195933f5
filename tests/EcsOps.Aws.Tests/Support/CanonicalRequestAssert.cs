using System.Globalization;
using System.Text;
using Xunit.Sdk;

namespace EcsOps.Aws.Tests.Support;

/// <summary>
/// Compares two canonical requests and, when they differ, fails with a line diff that shows whitespace and
/// control characters, so a wrong escape or a missing header is visible at a glance.
/// </summary>
internal static class CanonicalRequestAssert
{
    public static void Equal(string expected, string actual, string expectedLabel, string actualLabel, string caseName)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return;
        }

        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Canonical requests differ for case '{caseName}'.\n")
            .Append(CultureInfo.InvariantCulture, $"  - {expectedLabel}\n  + {actualLabel}\n\n");
        foreach (var (marker, line) in LineDiff(expected.Split('\n'), actual.Split('\n')))
        {
            message.Append(marker).Append(' ').Append(Visible(line)).Append('\n');
        }

        throw new XunitException(message.ToString());
    }

    // A longest-common-subsequence diff: canonical requests are a few dozen lines, so the quadratic table is fine.
    private static List<(char Marker, string Line)> LineDiff(string[] expected, string[] actual)
    {
        var common = new int[expected.Length + 1, actual.Length + 1];
        for (var i = expected.Length - 1; i >= 0; i--)
        {
            for (var j = actual.Length - 1; j >= 0; j--)
            {
                common[i, j] = expected[i] == actual[j]
                    ? common[i + 1, j + 1] + 1
                    : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<(char, string)>();
        int e = 0, a = 0;
        while (e < expected.Length || a < actual.Length)
        {
            if (e < expected.Length && a < actual.Length && expected[e] == actual[a])
            {
                lines.Add((' ', expected[e++]));
                a++;
            }
            else if (e < expected.Length && (a == actual.Length || common[e + 1, a] >= common[e, a + 1]))
            {
                lines.Add(('-', expected[e++]));
            }
            else
            {
                lines.Add(('+', actual[a++]));
            }
        }

        return lines;
    }

    private static string Visible(string line)
    {
        var builder = new StringBuilder(line.Length + 2).Append('|');
        foreach (var c in line)
        {
            _ = c switch
            {
                '\t' => builder.Append("\\t"),
                '\r' => builder.Append("\\r"),
                _ when char.IsControl(c) => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('|').ToString();
    }
}
