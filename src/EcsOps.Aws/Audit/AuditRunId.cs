using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace EcsOps.Aws.Audit;

/// <summary>
/// The id of one audited action: a ULID (26 characters of Crockford base32: 48 bits of milliseconds since the Unix
/// epoch, then 80 random bits). Ids sort by the time they were made, as text and as values, and fit with the
/// <c>ecsops:</c> prefix into ECS's 36-character <c>startedBy</c>.
/// </summary>
public readonly record struct AuditRunId : IComparable<AuditRunId>
{
    /// <summary>Characters in an id.</summary>
    public const int Length = 26;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int TimeCharacters = 10;

    private readonly string? _value;

    private AuditRunId(string value) => _value = value;

    /// <summary>The id as text (upper case).</summary>
    public string Value => _value ?? throw new InvalidOperationException("an empty AuditRunId has no value");

    /// <summary>When the id was made (millisecond precision).</summary>
    public DateTimeOffset Timestamp
    {
        get
        {
            long milliseconds = 0;
            foreach (var c in Value.AsSpan(0, TimeCharacters))
            {
                milliseconds = (milliseconds << 5) | (long)Alphabet.IndexOf(c, StringComparison.Ordinal);
            }

            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
    }

    /// <summary>A new id for the current time of <paramref name="timeProvider"/>.</summary>
    public static AuditRunId New(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Create(timeProvider.GetUtcNow(), RandomNumberGenerator.GetBytes(10));
    }

    /// <summary>An id from a time and 10 random bytes.</summary>
    public static AuditRunId Create(DateTimeOffset time, ReadOnlySpan<byte> random)
    {
        if (random.Length != 10)
        {
            throw new ArgumentException("a run id needs 10 random bytes", nameof(random));
        }

        var milliseconds = (ulong)time.ToUnixTimeMilliseconds() & 0xFFFF_FFFF_FFFF;
        Span<char> text = stackalloc char[Length];
        for (var i = TimeCharacters - 1; i >= 0; i--)
        {
            text[i] = Alphabet[(int)(milliseconds & 31)];
            milliseconds >>= 5;
        }

        // 80 random bits as 16 characters: two 40-bit halves, 8 characters each.
        Span<byte> padded = stackalloc byte[16];
        random[..5].CopyTo(padded[3..8]);
        random[5..].CopyTo(padded[11..]);
        var halves = new[] { BinaryPrimitives.ReadUInt64BigEndian(padded[..8]), BinaryPrimitives.ReadUInt64BigEndian(padded[8..]) };
        for (var half = 0; half < 2; half++)
        {
            var bits = halves[half];
            for (var i = 7; i >= 0; i--)
            {
                text[TimeCharacters + (half * 8) + i] = Alphabet[(int)(bits & 31)];
                bits >>= 5;
            }
        }

        return new AuditRunId(new string(text));
    }

    /// <summary>Reads an id; lower case is accepted and normalised.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out AuditRunId id)
    {
        id = default;
        if (text is null || text.Length != Length)
        {
            return false;
        }

        var upper = text.ToUpperInvariant();
        if (upper[0] > '7' || upper.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        id = new AuditRunId(upper);
        return true;
    }

    /// <exception cref="FormatException">The text is not a run id.</exception>
    public static AuditRunId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a run id (26 characters such as 01JABCDEFGHJKMNPQRSTVWXYZ0)");

    public int CompareTo(AuditRunId other) => string.CompareOrdinal(_value, other._value);

    public static bool operator <(AuditRunId left, AuditRunId right) => left.CompareTo(right) < 0;

    public static bool operator >(AuditRunId left, AuditRunId right) => left.CompareTo(right) > 0;

    public static bool operator <=(AuditRunId left, AuditRunId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(AuditRunId left, AuditRunId right) => left.CompareTo(right) >= 0;

    public override string ToString() => _value ?? "";
}
