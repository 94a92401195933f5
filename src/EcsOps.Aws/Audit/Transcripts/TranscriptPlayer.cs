using System.Text;

namespace EcsOps.Aws.Audit.Transcripts;

/// <summary>
/// Plays a recorded session back: the "o" events of every part, in order, written to a stream with the recorded
/// pauses, divided by the speed and capped at an idle limit so a long think does not stall the replay.
/// </summary>
public sealed class TranscriptPlayer(TimeProvider timeProvider)
{
    /// <summary>The default cap on one pause.</summary>
    public static readonly TimeSpan DefaultIdleLimit = TimeSpan.FromSeconds(2);

    /// <summary>The header of the first part and the events of all parts, in time order.</summary>
    /// <exception cref="FormatException">A part is not asciicast v2.</exception>
    public static (AsciicastHeader Header, IReadOnlyList<AsciicastEvent> Events) Join(IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new FormatException("the transcript has no parts");
        }

        var parsed = parts.Select(AsciicastFormat.Parse).ToList();
        var events = parsed.SelectMany(p => p.Events).OrderBy(e => e.Seconds).ToList();
        return (parsed[0].Header, events);
    }

    /// <summary>Writes the output events to <paramref name="output"/> with their timing.</summary>
    /// <param name="speed">2 plays twice as fast; must be positive.</param>
    /// <param name="idleLimit">The longest pause between two events, before <paramref name="speed"/> applies.</param>
    public async Task PlayAsync(IReadOnlyList<AsciicastEvent> events, Stream output, double speed, TimeSpan idleLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        var previous = 0.0;
        foreach (var played in events.Where(e => e.Code == AsciicastEvent.Output))
        {
            var pause = TimeSpan.FromSeconds(Math.Max(0, played.Seconds - previous));
            previous = played.Seconds;
            pause = (pause > idleLimit ? idleLimit : pause) / speed;
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, timeProvider, cancellationToken);
            }

            await output.WriteAsync(Encoding.UTF8.GetBytes(played.Data), cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
    }
}
