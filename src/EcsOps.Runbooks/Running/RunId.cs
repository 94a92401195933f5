using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace EcsOps.Runbooks.Running;

/// <summary>
/// The id of one run: 26 characters of Crockford base32, the first 10 the creation time in milliseconds since the Unix
/// epoch (48 bits), the other 16 random (80 bits), ULID-style. Ids made later sort after earlier ones as plain text,
/// and <c>ecsops:</c> plus an id fits RunTask's 36-character <c>startedBy</c>.
/// </summary>
public readonly record struct RunId
{
    public const int Length = 26;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int TimeLength = 10;

    private readonly string? _text;

    private RunId(string text) => _text = text;

    /// <summary>The id as text.</summary>
    public string Value => _text ?? throw new InvalidOperationException("an empty RunId has no value");

    /// <summary>When the id was made, to the millisecond.</summary>
    public DateTimeOffset CreatedAt
    {
        get
        {
            long milliseconds = 0;
            foreach (var c in Value.AsSpan(0, TimeLength))
            {
                milliseconds = (milliseconds << 5) | (uint)Alphabet.IndexOf(c, StringComparison.Ordinal);
            }

            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
    }

    public static RunId New(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Create(timeProvider.GetUtcNow(), RandomNumberGenerator.GetBytes(10));
    }

    /// <summary>The id for a time and 10 random bytes.</summary>
    public static RunId Create(DateTimeOffset time, ReadOnlySpan<byte> random)
    {
        if (random.Length != 10)
        {
            throw new ArgumentException("a run id takes 10 random bytes", nameof(random));
        }

        Span<char> text = stackalloc char[Length];
        var milliseconds = (ulong)time.ToUnixTimeMilliseconds();
        for (var i = TimeLength - 1; i >= 0; i--, milliseconds >>= 5)
        {
            text[i] = Alphabet[(int)(milliseconds & 31)];
        }

        // 80 random bits, most significant first, 5 at a time.
        for (var i = 0; i < Length - TimeLength; i++)
        {
            var bit = i * 5;
            var pair = (random[bit / 8] << 8) | (bit / 8 + 1 < random.Length ? random[bit / 8 + 1] : 0);
            text[TimeLength + i] = Alphabet[(pair >> (11 - (bit % 8))) & 31];
        }

        return new RunId(new string(text));
    }

    /// <summary>Reads an id; lower case is accepted.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out RunId id)
    {
        id = default;
        if (text is not { Length: Length } || text[0] > '7')
        {
            return false;
        }

        var upper = text.ToUpperInvariant();
        if (!upper.All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        id = new RunId(upper);
        return true;
    }

    public override string ToString() => _text ?? "";
}
