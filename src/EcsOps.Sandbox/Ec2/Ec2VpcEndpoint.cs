namespace EcsOps.Sandbox.Ec2;

/// <summary>An interface VPC endpoint, available, with private DNS, in every subnet of its VPC.</summary>
/// <param name="ServiceName">The full name, <c>com.amazonaws.&lt;region&gt;.&lt;service&gt;</c>.</param>
public sealed record Ec2VpcEndpoint(string Id, string ServiceName, string VpcId);
