using System.Xml;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Ec2;

/// <summary>
/// The EC2 networking reads ECS Exec troubleshooting needs (EC2 query protocol, signed for <c>ec2</c>):
/// DescribeSubnets, DescribeRouteTables and DescribeVpcEndpoints over the world's <see cref="Ec2Network"/>.
/// </summary>
public static class Ec2Api
{
    private const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static IEndpointRouteBuilder MapEc2Api(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var network = routes.ServiceProvider.GetRequiredService<Ec2Network>();
        var actions = new Dictionary<string, Func<AwsRequestContext, byte[]>>(StringComparer.Ordinal)
        {
            ["DescribeSubnets"] = aws => DescribeSubnets(network, aws),
            ["DescribeRouteTables"] = aws => DescribeRouteTables(network, aws),
            ["DescribeVpcEndpoints"] = aws => DescribeVpcEndpoints(network, aws),
        };

        IResult Dispatch(HttpContext context)
        {
            var aws = context.GetAwsRequest();
            if (string.IsNullOrEmpty(aws.Operation))
            {
                throw new AwsErrorException("MissingAction", "The request must contain the parameter Action");
            }

            if (!actions.TryGetValue(aws.Operation, out var action))
            {
                throw new AwsErrorException("InvalidAction", $"The action {aws.Operation} is not valid for this web service.");
            }

            return Results.Bytes(action(aws), "text/xml;charset=UTF-8");
        }

        var metadata = new AwsServiceMetadata(AwsService.Ec2);
        routes.MapPost("/", Dispatch).WithMetadata(metadata).WithName("ec2-post");
        routes.MapGet("/", Dispatch).WithMetadata(metadata).WithName("ec2-get");
        return routes;
    }

    internal static byte[] DescribeSubnets(Ec2Network network, AwsRequestContext aws)
    {
        var query = new Ec2QueryParameters(aws.Parameters);
        var ids = query.List("SubnetId");
        var filters = query.Filters("subnet-id", "vpc-id", "availability-zone", "state");
        var all = network.VpcsOf(aws.Caller.AccountId, aws.Region).SelectMany(v => v.Subnets).ToList();
        RequireKnown(ids, all.Select(s => s.Id), id => ("InvalidSubnetID.NotFound", $"The subnet ID '{id}' does not exist"));
        var subnets = all.Where(s => (ids.Count == 0 || ids.Contains(s.Id))
            && Ec2QueryParameters.Allows(filters, "subnet-id", s.Id)
            && Ec2QueryParameters.Allows(filters, "vpc-id", s.VpcId)
            && Ec2QueryParameters.Allows(filters, "availability-zone", s.AvailabilityZone)
            && Ec2QueryParameters.Allows(filters, "state", "available"));
        return Response(aws, "DescribeSubnets", writer =>
        {
            writer.WriteStartElement("subnetSet");
            foreach (var subnet in subnets)
            {
                writer.WriteStartElement("item");
                writer.WriteElementString("subnetId", subnet.Id);
                writer.WriteElementString("subnetArn", $"arn:aws:ec2:{subnet.Region}:{subnet.AccountId}:subnet/{subnet.Id}");
                writer.WriteElementString("state", "available");
                writer.WriteElementString("ownerId", subnet.AccountId);
                writer.WriteElementString("vpcId", subnet.VpcId);
                writer.WriteElementString("cidrBlock", subnet.CidrBlock);
                writer.WriteElementString("availableIpAddressCount", "250");
                writer.WriteElementString("availabilityZone", subnet.AvailabilityZone);
                writer.WriteElementString("defaultForAz", "false");
                writer.WriteElementString("mapPublicIpOnLaunch", subnet.DefaultRoute == World.SubnetRoutes.Internet ? "true" : "false");
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        });
    }

    internal static byte[] DescribeRouteTables(Ec2Network network, AwsRequestContext aws)
    {
        var query = new Ec2QueryParameters(aws.Parameters);
        var ids = query.List("RouteTableId");
        var filters = query.Filters("route-table-id", "vpc-id", "association.subnet-id", "association.main");
        var tables = network.VpcsOf(aws.Caller.AccountId, aws.Region)
            .SelectMany(vpc => vpc.Subnets.Select(s => new RouteTable(s.RouteTableId, vpc, s)).Prepend(new RouteTable(vpc.MainRouteTableId, vpc, null)))
            .ToList();
        RequireKnown(ids, tables.Select(t => t.Id), id => ("InvalidRouteTableID.NotFound", $"The routeTable ID '{id}' does not exist"));
        var matching = tables.Where(t => (ids.Count == 0 || ids.Contains(t.Id))
            && Ec2QueryParameters.Allows(filters, "route-table-id", t.Id)
            && Ec2QueryParameters.Allows(filters, "vpc-id", t.Vpc.Id)
            && Ec2QueryParameters.Allows(filters, "association.subnet-id", t.Subnet?.Id)
            && Ec2QueryParameters.Allows(filters, "association.main", t.Subnet is null ? "true" : "false"));
        return Response(aws, "DescribeRouteTables", writer =>
        {
            writer.WriteStartElement("routeTableSet");
            foreach (var table in matching)
            {
                WriteRouteTable(writer, table);
            }

            writer.WriteEndElement();
        });
    }

    internal static byte[] DescribeVpcEndpoints(Ec2Network network, AwsRequestContext aws)
    {
        var query = new Ec2QueryParameters(aws.Parameters);
        var ids = query.List("VpcEndpointId");
        var filters = query.Filters("vpc-endpoint-id", "vpc-id", "service-name", "vpc-endpoint-type", "vpc-endpoint-state");
        var vpcs = network.VpcsOf(aws.Caller.AccountId, aws.Region);
        var endpoints = vpcs.SelectMany(v => v.Endpoints).ToList();
        RequireKnown(ids, endpoints.Select(e => e.Id), id => ("InvalidVpcEndpointId.NotFound", $"The Vpc Endpoint Id '{id}' does not exist"));
        var matching = endpoints.Where(e => (ids.Count == 0 || ids.Contains(e.Id))
            && Ec2QueryParameters.Allows(filters, "vpc-endpoint-id", e.Id)
            && Ec2QueryParameters.Allows(filters, "vpc-id", e.VpcId)
            && Ec2QueryParameters.Allows(filters, "service-name", e.ServiceName)
            && Ec2QueryParameters.Allows(filters, "vpc-endpoint-type", "Interface")
            && Ec2QueryParameters.Allows(filters, "vpc-endpoint-state", "available"));
        return Response(aws, "DescribeVpcEndpoints", writer =>
        {
            writer.WriteStartElement("vpcEndpointSet");
            foreach (var endpoint in matching)
            {
                var vpc = vpcs.First(v => v.Id == endpoint.VpcId);
                writer.WriteStartElement("item");
                writer.WriteElementString("vpcEndpointId", endpoint.Id);
                writer.WriteElementString("vpcEndpointType", "Interface");
                writer.WriteElementString("vpcId", endpoint.VpcId);
                writer.WriteElementString("serviceName", endpoint.ServiceName);
                writer.WriteElementString("state", "available");
                writer.WriteElementString("privateDnsEnabled", "true");
                writer.WriteElementString("requesterManaged", "false");
                writer.WriteElementString("ownerId", vpc.AccountId);
                writer.WriteStartElement("subnetIdSet");
                foreach (var subnet in vpc.Subnets)
                {
                    writer.WriteElementString("item", subnet.Id);
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        });
    }

    private static void WriteRouteTable(XmlWriter writer, RouteTable table)
    {
        writer.WriteStartElement("item");
        writer.WriteElementString("routeTableId", table.Id);
        writer.WriteElementString("vpcId", table.Vpc.Id);
        writer.WriteElementString("ownerId", table.Vpc.AccountId);
        writer.WriteStartElement("routeSet");
        WriteRoute(writer, table.Vpc.CidrBlock, "gatewayId", "local", "CreateRouteTable");
        if (table.Subnet?.DefaultGatewayId is { } gateway)
        {
            WriteRoute(writer, "0.0.0.0/0", gateway.StartsWith("nat-", StringComparison.Ordinal) ? "natGatewayId" : "gatewayId", gateway, "CreateRoute");
        }

        writer.WriteEndElement();
        writer.WriteStartElement("associationSet");
        writer.WriteStartElement("item");
        writer.WriteElementString("routeTableAssociationId", "rtbassoc-" + Ecs.EcsTaskFactory.DeterministicHex(table.Id + "/assoc", 17));
        writer.WriteElementString("routeTableId", table.Id);
        if (table.Subnet is { } subnet)
        {
            writer.WriteElementString("subnetId", subnet.Id);
        }

        writer.WriteElementString("main", table.Subnet is null ? "true" : "false");
        writer.WriteStartElement("associationState");
        writer.WriteElementString("state", "associated");
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement("propagatingVgwSet");
        writer.WriteEndElement();
        writer.WriteStartElement("tagSet");
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRoute(XmlWriter writer, string destination, string targetElement, string target, string origin)
    {
        writer.WriteStartElement("item");
        writer.WriteElementString("destinationCidrBlock", destination);
        writer.WriteElementString(targetElement, target);
        writer.WriteElementString("state", "active");
        writer.WriteElementString("origin", origin);
        writer.WriteEndElement();
    }

    private static void RequireKnown(IReadOnlyList<string> ids, IEnumerable<string> known, Func<string, (string Code, string Message)> notFound)
    {
        var knownIds = known.ToHashSet(StringComparer.Ordinal);
        var missing = ids.FirstOrDefault(id => !knownIds.Contains(id));
        if (missing is not null)
        {
            var (code, message) = notFound(missing);
            throw new AwsErrorException(code, message);
        }
    }

    private static byte[] Response(AwsRequestContext aws, string action, Action<XmlWriter> writeResult) => AwsErrorWriter.Xml(writer =>
    {
        writer.WriteStartElement(action + "Response", Namespace);
        writer.WriteElementString("requestId", aws.RequestId);
        writeResult(writer);
        writer.WriteEndElement();
    });

    /// <summary>A route table: a subnet's own, or (without a subnet) the VPC's main table with only the local route.</summary>
    private sealed record RouteTable(string Id, Ec2Vpc Vpc, Ec2Subnet? Subnet);
}
