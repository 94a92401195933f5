namespace EcsOps.Server.Security;

/// <summary>Lets only viewers through (see <see cref="ViewerAuthentication"/>); others get 401 with a Basic challenge.</summary>
public sealed class ViewerFilter(ViewerAuthentication viewers) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (viewers.Authenticate(context.HttpContext.Request) is null)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = ViewerAuthentication.Challenge;
            return TypedResults.Text("error: this needs a viewer's token (server.viewers): Authorization: Bearer TOKEN, or Basic NAME:TOKEN\n",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }
}
