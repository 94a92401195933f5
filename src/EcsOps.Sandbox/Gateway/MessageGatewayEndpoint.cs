using Microsoft.AspNetCore.Http.Features;

namespace EcsOps.Sandbox.Gateway;

/// <summary>Wires the message gateway into the sandbox's pipeline, ahead of the AWS request middleware.</summary>
public static class MessageGatewayEndpoint
{
    /// <summary>
    /// Sends websocket upgrades under <see cref="MessageGateway.PathPrefix"/> to the gateway. Must come before the
    /// AWS middleware: the upgrade carries no (or an ignored) SigV4 signature, and a plain GET of the same
    /// path is still an S3 request (bucket <c>v1</c>).
    /// </summary>
    public static IApplicationBuilder UseMessageGateway(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gateway = app.ApplicationServices.GetRequiredService<MessageGateway>();
        app.Use((context, next) =>
        {
            // Before UseWebSockets, which takes the upgrade feature when the request comes in.
            if (IsGatewayPath(context) && context.Features.Get<IHttpUpgradeFeature>() is { } upgrade)
            {
                var coalescing = new CoalescingUpgradeFeature(upgrade);
                context.Features.Set<IHttpUpgradeFeature>(coalescing);
                context.Features.Set(coalescing);
            }

            return next(context);
        });
        app.UseWebSockets();
        return app.MapWhen(
            context => context.WebSockets.IsWebSocketRequest && IsGatewayPath(context),
            branch => branch.Run(gateway.HandleAsync));
    }

    private static bool IsGatewayPath(HttpContext context) =>
        context.Request.Path.StartsWithSegments(MessageGateway.PathPrefix.TrimEnd('/'), StringComparison.Ordinal);
}
