using System.Globalization;
using System.Text.Encodings.Web;

namespace EcsOps.Server.Web;

/// <summary>Values as HTML: everything that came from a caller or a run is encoded, always.</summary>
internal static class HtmlText
{
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>A <c>&lt;time&gt;</c> in UTC that the page's script shows in the viewer's zone.</summary>
    public static string Time(DateTimeOffset? time) => time is { } t
        ? $"<time datetime=\"{t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\">"
          + $"{t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC</time>"
        : "<span class=\"muted\">–</span>";

    public static string Duration(TimeSpan? duration) => duration is { } d
        ? (d.TotalSeconds < 120 ? $"{d.TotalSeconds:0.#} s" : d.TotalMinutes < 120 ? $"{d.TotalMinutes:0.#} min" : $"{d.TotalHours:0.#} h").ToString(CultureInfo.InvariantCulture)
        : "<span class=\"muted\">–</span>";

    public static string OrDash(string? text) => text is null ? "<span class=\"muted\">–</span>" : Encode(text);
}
