namespace EcsOps.Server.Slack;

/// <summary>Routes of the Slack app: the slash command's and the interactivity request URLs.</summary>
public static class SlackApi
{
    public static IEndpointRouteBuilder MapSlackApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/slack/commands", (HttpContext context, SlackEndpoints slack) => slack.CommandAsync(context));
        routes.MapPost("/slack/interactions", (HttpContext context, SlackEndpoints slack) => slack.InteractionAsync(context));
        return routes;
    }
}
