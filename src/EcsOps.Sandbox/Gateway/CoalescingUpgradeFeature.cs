using EcsOps.Protocol.Transport;
using Microsoft.AspNetCore.Http.Features;

namespace EcsOps.Sandbox.Gateway;

/// <summary>
/// Puts a <see cref="CoalescingStream"/> under the websocket of a gateway upgrade, so that the gateway can send a
/// burst of relayed frames as one write of the connection. The handshake itself stays with ASP.NET Core.
/// </summary>
internal sealed class CoalescingUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    /// <summary>The stream under the websocket, once upgraded.</summary>
    public CoalescingStream? Connection { get; private set; }

    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    public async Task<Stream> UpgradeAsync()
    {
        Connection = new CoalescingStream(await inner.UpgradeAsync());
        return Connection;
    }
}
