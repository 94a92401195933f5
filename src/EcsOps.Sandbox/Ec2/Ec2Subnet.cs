namespace EcsOps.Sandbox.Ec2;

/// <summary>A subnet as EC2 describes it, with the route table the sandbox gives it.</summary>
/// <param name="DefaultRoute">Where 0.0.0.0/0 goes: <c>nat</c>, <c>internet</c> or <c>none</c>.</param>
/// <param name="DefaultGatewayId">The <c>nat-…</c> or <c>igw-…</c> the default route targets; null for <c>none</c>.</param>
public sealed record Ec2Subnet(
    string Id,
    string VpcId,
    string AccountId,
    string Region,
    string AvailabilityZone,
    string CidrBlock,
    string DefaultRoute,
    string RouteTableId,
    string? DefaultGatewayId);
