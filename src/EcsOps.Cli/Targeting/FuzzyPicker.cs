using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EcsOps.Cli.Targeting;

/// <summary>
/// A fuzzy picker on a terminal: type to filter (fzf-style, every word a subsequence), ↑/↓ (or Ctrl-P/Ctrl-N),
/// PageUp/PageDown, Enter picks, Esc gives up, Ctrl-U clears the query. Drawn with a live display on the console it is
/// given (stderr for ecsops, so stdout stays the command's), cleared when done.
/// </summary>
public sealed class FuzzyPicker(IAnsiConsole console)
{
    /// <summary>How many matches are shown at once.</summary>
    public const int PageSize = 12;

    /// <summary>The index of the picked label; null when the operator gave up (Esc).</summary>
    public async Task<int?> PickAsync(string title, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var state = new FuzzyPickerState(labels);
        int? picked = null;
        await console.Live(Render(title, state)).AutoClear(true).StartAsync(async live =>
        {
            // A live display draws on its first update; without this the picker stays invisible until a key is pressed.
            live.Refresh();
            while (true)
            {
                var key = await console.Input.ReadKeyAsync(intercept: true, cancellationToken);
                if (key is not { } info)
                {
                    continue;
                }

                switch (Apply(state, info))
                {
                    case KeyOutcome.Pick when state.Selected is { } index:
                        picked = index;
                        return;
                    case KeyOutcome.GiveUp:
                        return;
                }

                live.UpdateTarget(Render(title, state));
            }
        });
        return picked;
    }

    private static KeyOutcome Apply(FuzzyPickerState state, ConsoleKeyInfo key)
    {
        var control = key.Modifiers.HasFlag(ConsoleModifiers.Control);
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                return KeyOutcome.Pick;
            case ConsoleKey.Escape:
                return KeyOutcome.GiveUp;
            case ConsoleKey.UpArrow:
            case ConsoleKey.P when control:
                state.Move(-1);
                break;
            case ConsoleKey.DownArrow:
            case ConsoleKey.N when control:
                state.Move(1);
                break;
            case ConsoleKey.PageUp:
                state.Move(-PageSize);
                break;
            case ConsoleKey.PageDown:
                state.Move(PageSize);
                break;
            case ConsoleKey.Backspace:
                state.Backspace();
                break;
            case ConsoleKey.U when control:
                state.Clear();
                break;
            default:
                if (!control && !char.IsControl(key.KeyChar))
                {
                    state.Type(key.KeyChar);
                }

                break;
        }

        return KeyOutcome.Continue;
    }

    private static Rows Render(string title, FuzzyPickerState state)
    {
        var rows = new List<IRenderable>
        {
            new Markup($"{Markup.Escape(title)} [grey](type to filter, ↑/↓, Enter to pick, Esc to cancel)[/]"),
            new Markup($"[blue]>[/] {Markup.Escape(state.Query)}[grey]▏[/]"),
        };
        var first = Math.Max(0, Math.Min(state.Cursor - (PageSize / 2), state.Matches.Count - PageSize));
        foreach (var (match, row) in state.Matches.Skip(first).Take(PageSize).Select((m, i) => (m, first + i)))
        {
            var line = Highlight(match);
            rows.Add(new Markup(row == state.Cursor ? $"[black on aqua]›[/] [bold]{line}[/]" : $"  {line}"));
        }

        rows.Add(new Markup($"[grey]{state.Matches.Count}/{state.Total}[/]"));
        return new Rows(rows);
    }

    private static string Highlight(PickerMatch match)
    {
        var text = new StringBuilder();
        for (var i = 0; i < match.Label.Length; i++)
        {
            var letter = Markup.Escape(match.Label[i].ToString());
            text.Append(match.Positions.Contains(i) ? $"[underline yellow]{letter}[/]" : letter);
        }

        return text.ToString();
    }

    private enum KeyOutcome
    {
        Continue,
        Pick,
        GiveUp,
    }
}
