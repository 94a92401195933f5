using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace EcsOps.Aws.Tests.Support.SigV4Peers;

/// <summary>
/// The least client configuration AWSSDK.Core's signers accept. Region and signing name are set on each
/// request (AuthenticationRegion, OverrideSigningServiceName), so nothing here is consulted for them.
/// </summary>
internal sealed class AwsSdkTestConfig() : ClientConfig(new DefaultConfigurationProvider([new DefaultConfiguration()]))
{
    public override string ServiceVersion => "2015-08-30";

    public override string UserAgent => "ecsops-tests";

    public override string RegionEndpointServiceName => "service";

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        throw new NotSupportedException("requests carry their own endpoint");
}
