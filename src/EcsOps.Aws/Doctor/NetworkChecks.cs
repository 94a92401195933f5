using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using EcsOps.Aws.Http;

namespace EcsOps.Aws.Doctor;

/// <summary>
/// Whether the agent in the task's subnet can reach Session Manager (<c>ssmmessages</c>): through an interface VPC
/// endpoint, or out through a NAT or internet gateway on the subnet's default route (EC2 DescribeSubnets,
/// DescribeRouteTables, DescribeVpcEndpoints).
/// </summary>
public sealed class NetworkChecks(AwsClientFactory factory) : IDoctorChecks
{
    public const string SessionManagerReachable = "ssmmessages-reachable";
    private const string Title = "agent reaches ssmmessages";

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(DoctorFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.SubnetId is not { } subnetId)
        {
            return [DoctorCheck.Warn(SessionManagerReachable, Title, "not checked: the task has no awsvpc network interface",
                "make sure the container instance reaches ssmmessages (a NAT or internet gateway, or an ssmmessages VPC endpoint)")];
        }

        try
        {
            using var ec2 = factory.CreateEc2(facts.Container.Region, facts.Credentials);
            return [await ReachabilityAsync(ec2, facts, subnetId, cancellationToken)];
        }
        catch (AmazonServiceException error)
        {
            return [DoctorCheck.Unknown(SessionManagerReachable, Title, SdkErrors.Translate(error),
                "allow ec2:DescribeSubnets, ec2:DescribeRouteTables and ec2:DescribeVpcEndpoints to check it")];
        }
        catch (AmazonClientException error)
        {
            return [DoctorCheck.Unknown(SessionManagerReachable, Title, error, "run doctor again; EC2 could not be reached")];
        }
    }

    private static async Task<DoctorCheck> ReachabilityAsync(AmazonEC2Client ec2, DoctorFacts facts, string subnetId, CancellationToken cancellationToken)
    {
        var region = facts.Container.Region;
        var subnets = await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [subnetId] }, cancellationToken);
        if (subnets.Subnets is not [var subnet, ..])
        {
            return DoctorCheck.Warn(SessionManagerReachable, Title, $"not checked: EC2 does not describe {subnetId}",
                "run doctor with credentials of the account that owns the subnet");
        }

        var service = $"com.amazonaws.{region}.ssmmessages";
        var endpoints = await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest
        {
            Filters = [new Filter("vpc-id", [subnet.VpcId]), new Filter("service-name", [service])],
        }, cancellationToken);
        if (endpoints.VpcEndpoints?.FirstOrDefault(e => string.Equals(e.State?.Value, "available", StringComparison.OrdinalIgnoreCase)) is { } endpoint)
        {
            return DoctorCheck.Pass(SessionManagerReachable, Title, $"through VPC endpoint {endpoint.VpcEndpointId} ({service}) in {subnet.VpcId}");
        }

        var route = await DefaultRouteAsync(ec2, subnet, cancellationToken);
        var gateway = route?.NatGatewayId ?? route?.GatewayId ?? route?.TransitGatewayId ?? route?.NetworkInterfaceId ?? route?.VpcPeeringConnectionId;
        if (gateway is not null && gateway != "local")
        {
            var through = gateway.StartsWith("igw-", StringComparison.Ordinal)
                ? $"internet gateway {gateway} (the task needs a public IP: assignPublicIp ENABLED)"
                : gateway.StartsWith("nat-", StringComparison.Ordinal) ? $"NAT gateway {gateway}" : gateway;
            return DoctorCheck.Pass(SessionManagerReachable, Title, $"{subnetId} routes 0.0.0.0/0 to {through}");
        }

        return DoctorCheck.Fail(SessionManagerReachable, Title,
            $"{subnetId} in {subnet.VpcId} has no route out (no 0.0.0.0/0 to a NAT or internet gateway) and the VPC has no {service} endpoint, so the agent cannot connect",
            $"create an interface endpoint: aws ec2 create-vpc-endpoint --vpc-endpoint-type Interface --vpc-id {subnet.VpcId} --service-name {service} "
            + $"--subnet-ids {subnetId} --private-dns-enabled --region {region} (its security group must allow 443 from the task), or route 0.0.0.0/0 through a NAT gateway");
    }

    /// <summary>The 0.0.0.0/0 route of the subnet's route table, or of the VPC's main table when the subnet has none of its own.</summary>
    private static async Task<Route?> DefaultRouteAsync(AmazonEC2Client ec2, Subnet subnet, CancellationToken cancellationToken)
    {
        var own = await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter("association.subnet-id", [subnet.SubnetId])],
        }, cancellationToken);
        var table = own.RouteTables?.FirstOrDefault();
        if (table is null)
        {
            var main = await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest
            {
                Filters = [new Filter("vpc-id", [subnet.VpcId]), new Filter("association.main", ["true"])],
            }, cancellationToken);
            table = main.RouteTables?.FirstOrDefault();
        }

        return table?.Routes?.FirstOrDefault(r => r.DestinationCidrBlock == "0.0.0.0/0");
    }
}
