using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Cli;

/// <summary>The EC2 networking reads through the real AWS CLI: the wire shape an independent client parses.</summary>
[Collection(SandboxCollection.Name)]
public class Ec2CliTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task DescribeSubnets_ServiceSubnet_IsInTheDevVpc()
    {
        var subnets = await sandbox.Cli.JsonAsync("ec2", "describe-subnets", "--subnet-ids", "subnet-0dev0000000000001");

        var subnet = Assert.Single(subnets.GetProperty("Subnets").EnumerateArray());
        Assert.Equal("vpc-0dev0000000000001", subnet.GetProperty("VpcId").GetString());
        Assert.Equal("111111111111", subnet.GetProperty("OwnerId").GetString());
        Assert.Equal("10.10.1.0/24", subnet.GetProperty("CidrBlock").GetString());
    }

    [Fact]
    public async Task DescribeSubnets_UnknownId_FailsWithNotFound()
    {
        var result = await sandbox.Cli.RunAsync("ec2", "describe-subnets", "--subnet-ids", "subnet-0000000000000dead");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidSubnetID.NotFound", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeRouteTables_NatSubnet_DefaultRouteGoesToANatGateway()
    {
        var tables = await sandbox.Cli.JsonAsync("ec2", "describe-route-tables",
            "--filters", "Name=association.subnet-id,Values=subnet-0dev0000000000001");

        var table = Assert.Single(tables.GetProperty("RouteTables").EnumerateArray());
        var routes = table.GetProperty("Routes").EnumerateArray().ToList();
        Assert.Contains(routes, r => r.GetProperty("DestinationCidrBlock").GetString() == "10.10.0.0/16" && r.GetProperty("GatewayId").GetString() == "local");
        var defaultRoute = Assert.Single(routes, r => r.GetProperty("DestinationCidrBlock").GetString() == "0.0.0.0/0");
        Assert.StartsWith("nat-", defaultRoute.GetProperty("NatGatewayId").GetString(), StringComparison.Ordinal);
        Assert.Equal("subnet-0dev0000000000001", table.GetProperty("Associations")[0].GetProperty("SubnetId").GetString());
    }

    [Fact]
    public async Task DescribeRouteTables_MainTable_HasOnlyTheLocalRoute()
    {
        var tables = await sandbox.Cli.JsonAsync("ec2", "describe-route-tables",
            "--filters", "Name=vpc-id,Values=vpc-0dev0000000000001", "Name=association.main,Values=true");

        var table = Assert.Single(tables.GetProperty("RouteTables").EnumerateArray());
        Assert.Single(table.GetProperty("Routes").EnumerateArray());
        Assert.True(table.GetProperty("Associations")[0].GetProperty("Main").GetBoolean());
    }

    [Fact]
    public async Task DescribeVpcEndpoints_ProdVpc_HasTheSsmMessagesEndpoint()
    {
        var prod = sandbox.Cli.As(sandbox.Prod, "eu-west-1");

        var endpoints = await prod.JsonAsync("ec2", "describe-vpc-endpoints",
            "--filters", "Name=vpc-id,Values=vpc-0prod000000000001", "Name=service-name,Values=com.amazonaws.eu-west-1.ssmmessages");

        var endpoint = Assert.Single(endpoints.GetProperty("VpcEndpoints").EnumerateArray());
        Assert.Equal("Interface", endpoint.GetProperty("VpcEndpointType").GetString());
        Assert.Equal("available", endpoint.GetProperty("State").GetString());
        Assert.Equal(2, endpoint.GetProperty("SubnetIds").GetArrayLength());
    }

    [Fact]
    public async Task DescribeVpcEndpoints_UnknownFilter_FailsWithInvalidParameterValue()
    {
        var result = await sandbox.Cli.RunAsync("ec2", "describe-vpc-endpoints", "--filters", "Name=no-such-filter,Values=x");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidParameterValue", result.Stderr, StringComparison.Ordinal);
    }
}
