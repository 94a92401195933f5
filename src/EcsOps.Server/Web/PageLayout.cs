using System.Text;

namespace EcsOps.Server.Web;

/// <summary>The frame of every page: no external resources, our stylesheet and script from <c>/assets</c>.</summary>
internal static class PageLayout
{
    /// <param name="body">HTML, already encoded.</param>
    /// <param name="refreshSeconds">Reload after this many seconds (pages showing unfinished runs); none when null.</param>
    public static string Render(string title, string body, int? refreshSeconds)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(HtmlText.Encode(title)).Append("</title>");
        html.Append("<link rel=\"stylesheet\" href=\"/assets/app.css\"></head>");
        html.Append(refreshSeconds is { } seconds ? $"<body data-refresh-seconds=\"{seconds}\">" : "<body>");
        html.Append(body);
        html.Append("<script src=\"/assets/app.js\"></script></body></html>\n");
        return html.ToString();
    }
}
