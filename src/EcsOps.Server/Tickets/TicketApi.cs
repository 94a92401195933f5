namespace EcsOps.Server.Tickets;

/// <summary>The route of the ticket webhook.</summary>
public static class TicketApi
{
    public static IEndpointRouteBuilder MapTicketApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/hooks/tickets", (HttpContext context, TicketEndpoints tickets) => tickets.RunAsync(context));
        return routes;
    }
}
