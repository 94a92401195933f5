namespace EcsOps.Sandbox.Ec2;

/// <summary>A VPC with its subnets, its interface endpoints and its main route table (local route only).</summary>
public sealed record Ec2Vpc(
    string Id,
    string AccountId,
    string Region,
    string CidrBlock,
    string MainRouteTableId,
    IReadOnlyList<Ec2Subnet> Subnets,
    IReadOnlyList<Ec2VpcEndpoint> Endpoints);
