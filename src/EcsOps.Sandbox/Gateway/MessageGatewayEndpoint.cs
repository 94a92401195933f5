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
        app.UseWebSockets();
        return app.MapWhen(
            context => context.WebSockets.IsWebSocketRequest
                && context.Request.Path.StartsWithSegments(MessageGateway.PathPrefix.TrimEnd('/'), StringComparison.Ordinal),
            branch => branch.Run(gateway.HandleAsync));
    }
}
