using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Ec2;

/// <summary>
/// The world's VPCs, subnets, route tables and VPC endpoints (read-only), and the one rule they decide: whether an
/// ExecuteCommandAgent in a subnet can reach Session Manager's message gateway (<c>ssmmessages</c>).
/// </summary>
public sealed class Ec2Network
{
    /// <summary>The service an ExecuteCommandAgent must reach to open its control and data channels.</summary>
    public const string SessionManagerService = "ssmmessages";

    private readonly Dictionary<(string AccountId, string Region), List<Ec2Vpc>> _vpcs = [];

    public Ec2Network(WorldDefinition world)
    {
        ArgumentNullException.ThrowIfNull(world);
        foreach (var account in world.Accounts)
        {
            foreach (var vpc in account.Vpcs)
            {
                var region = vpc.Region ?? world.Regions[0];
                var built = Build(account.Id, region, vpc);
                if (!_vpcs.TryGetValue((account.Id, region), out var list))
                {
                    list = [];
                    _vpcs[(account.Id, region)] = list;
                }

                list.Add(built);
            }
        }
    }

    /// <summary>The VPCs of one account's region, in world order.</summary>
    public IReadOnlyList<Ec2Vpc> VpcsOf(string accountId, string region) =>
        _vpcs.TryGetValue((accountId, region), out var vpcs) ? vpcs : [];

    public Ec2Subnet? FindSubnet(string accountId, string region, string subnetId) =>
        VpcsOf(accountId, region).SelectMany(v => v.Subnets).FirstOrDefault(s => s.Id == subnetId);

    /// <summary>
    /// True when an agent in <paramref name="subnetId"/> reaches <c>ssmmessages</c>: the subnet routes 0.0.0.0/0 to a
    /// NAT or internet gateway, or its VPC has an <c>ssmmessages</c> endpoint. A subnet the world does not describe is
    /// taken to have a way out, so worlds without VPCs behave as before.
    /// </summary>
    public bool ReachesSessionManager(string accountId, string region, string? subnetId)
    {
        var subnet = subnetId is null ? null : FindSubnet(accountId, region, subnetId);
        if (subnet is null || subnet.DefaultRoute != SubnetRoutes.None)
        {
            return true;
        }

        var endpoint = ServiceName(region, SessionManagerService);
        return VpcsOf(accountId, region).First(v => v.Id == subnet.VpcId).Endpoints.Any(e => e.ServiceName == endpoint);
    }

    /// <summary>Whether the agents of <paramref name="task"/> reach Session Manager, from the subnet of its network interface.</summary>
    public bool ReachesSessionManager(EcsScope scope, EcsTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var subnetId = task.Attachments?
            .SelectMany(a => a.Details ?? [])
            .FirstOrDefault(d => d.Name == "subnetId")?.Value;
        return ReachesSessionManager(scope.AccountId, scope.Region, subnetId);
    }

    /// <summary><c>com.amazonaws.&lt;region&gt;.&lt;service&gt;</c>; full names are kept.</summary>
    public static string ServiceName(string region, string service) =>
        service.StartsWith("com.amazonaws.", StringComparison.Ordinal) ? service : $"com.amazonaws.{region}.{service}";

    private static Ec2Vpc Build(string accountId, string region, VpcDefinition vpc)
    {
        var subnets = vpc.Subnets.Select(subnet => new Ec2Subnet(
                subnet.Id,
                vpc.Id,
                accountId,
                region,
                subnet.AvailabilityZone ?? region + "a",
                subnet.CidrBlock,
                subnet.DefaultRoute,
                "rtb-" + EcsTaskFactory.DeterministicHex(subnet.Id + "/rtb", 17),
                subnet.DefaultRoute switch
                {
                    SubnetRoutes.Internet => "igw-" + EcsTaskFactory.DeterministicHex(vpc.Id + "/igw", 17),
                    SubnetRoutes.Nat => "nat-" + EcsTaskFactory.DeterministicHex(subnet.Id + "/nat", 17),
                    _ => null,
                }))
            .ToList();
        var endpoints = vpc.Endpoints
            .Select(service => ServiceName(region, service))
            .Select(name => new Ec2VpcEndpoint("vpce-" + EcsTaskFactory.DeterministicHex(vpc.Id + "/" + name, 17), name, vpc.Id))
            .ToList();
        return new Ec2Vpc(vpc.Id, accountId, region, vpc.CidrBlock, "rtb-" + EcsTaskFactory.DeterministicHex(vpc.Id + "/main", 17), subnets, endpoints);
    }
}
