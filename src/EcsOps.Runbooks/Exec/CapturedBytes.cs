using System.Text;

namespace EcsOps.Runbooks.Exec;

/// <summary>The first bytes of a stream, and how many there were in all.</summary>
/// <param name="Kept">Up to the capture's limit.</param>
/// <param name="TotalLength">Every byte written, kept or not.</param>
public sealed record CapturedBytes(byte[] Kept, long TotalLength)
{
    public bool IsTruncated => TotalLength > Kept.Length;

    /// <summary>The kept bytes as UTF-8 text (invalid sequences replaced).</summary>
    public string Text => Encoding.UTF8.GetString(Kept);

    /// <summary>The kept text split into lines, without a trailing empty one.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var text = Text;
            if (text.Length == 0)
            {
                return [];
            }

            var lines = text.Split('\n');
            return text.EndsWith('\n') ? lines[..^1] : lines;
        }
    }
}
