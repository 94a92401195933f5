using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Ecs;

public static partial class EcsApi
{
    internal static ListServicesResponse ListServices(EcsStore store, AwsRequestContext aws, ListServicesRequest request)
    {
        var arns = store.Read(ScopeOf(aws), region => RequireCluster(region, request.Cluster).Services.Values
            .Where(s => request.LaunchType is null || s.LaunchType == request.LaunchType)
            .Where(s => request.SchedulingStrategy is null || s.SchedulingStrategy == request.SchedulingStrategy)
            .Select(s => s.ServiceArn)
            .Order(StringComparer.Ordinal)
            .ToList());
        var (page, next) = PageToken.Page(arns, request.NextToken, request.MaxResults, 10, 100, InvalidParameter);
        return new ListServicesResponse { ServiceArns = page, NextToken = next };
    }

    internal static DescribeServicesResponse DescribeServices(EcsStore store, AwsRequestContext aws, DescribeServicesRequest request)
    {
        if (request.Services is not { Count: > 0 and <= 10 })
        {
            throw InvalidParameter("Services must contain between 1 and 10 service names or ARNs.");
        }

        return store.Read(ScopeOf(aws), region =>
        {
            var cluster = RequireCluster(region, request.Cluster);
            var services = new List<Service>();
            var failures = new List<Failure>();
            foreach (var nameOrArn in request.Services)
            {
                var name = EcsArns.NameFrom(nameOrArn, "service", region.Scope);
                if (name is not null && cluster.Services.TryGetValue(name, out var service))
                {
                    var snapshot = cluster.Snapshot(service);
                    services.Add(Includes(request.Include, "TAGS") ? snapshot : snapshot with { Tags = null });
                }
                else
                {
                    failures.Add(Missing(nameOrArn, name => EcsArns.Service(region.Scope, cluster.Model.ClusterName, name)));
                }
            }

            return new DescribeServicesResponse { Services = services, Failures = failures };
        });
    }

    /// <summary>
    /// Records the new settings. Like ECS, a changed enableExecuteCommand applies to tasks started afterwards;
    /// the sandbox has no service scheduler, so it does not start or replace tasks to match desiredCount.
    /// </summary>
    internal static UpdateServiceResponse UpdateService(EcsStore store, AwsRequestContext aws, UpdateServiceRequest request)
    {
        if (string.IsNullOrEmpty(request.Service))
        {
            throw InvalidParameter("Service must be specified.");
        }

        if (request.DesiredCount < 0)
        {
            throw InvalidParameter("DesiredCount must be zero or greater.");
        }

        var now = store.TimeProvider.GetUtcNow();
        return store.Write(ScopeOf(aws), region =>
        {
            var cluster = RequireCluster(region, request.Cluster);
            var name = EcsArns.NameFrom(request.Service, "service", region.Scope);
            if (name is null || !cluster.Services.TryGetValue(name, out var service))
            {
                throw new AwsErrorException("ServiceNotFoundException", "Service not found.");
            }

            if (service.Status != EcsStatus.Active)
            {
                throw new AwsErrorException("ServiceNotActiveException", "Service was not ACTIVE.");
            }

            var taskDefinition = service.TaskDefinition;
            if (request.TaskDefinition is not null)
            {
                taskDefinition = region.FindTaskDefinition(request.TaskDefinition)?.TaskDefinitionArn
                    ?? throw new AwsErrorException("ClientException", "TaskDefinition not found.");
            }

            var redeploy = request.ForceNewDeployment
                || taskDefinition != service.TaskDefinition
                || (request.EnableExecuteCommand is { } exec && exec != service.EnableExecuteCommand)
                || request.NetworkConfiguration is not null;
            var desiredCount = request.DesiredCount ?? service.DesiredCount;
            var network = request.NetworkConfiguration ?? service.NetworkConfiguration;
            var updated = service with
            {
                DesiredCount = desiredCount,
                TaskDefinition = taskDefinition,
                EnableExecuteCommand = request.EnableExecuteCommand ?? service.EnableExecuteCommand,
                NetworkConfiguration = network,
                PlatformVersion = request.PlatformVersion ?? service.PlatformVersion,
                Deployments = redeploy
                    ?
                    [
                        new Deployment
                        {
                            Id = "ecs-svc/" + EcsTaskFactory.DeterministicHex(Guid.NewGuid().ToString(), 16),
                            Status = "PRIMARY",
                            TaskDefinition = taskDefinition,
                            DesiredCount = desiredCount,
                            CreatedAt = now,
                            UpdatedAt = now,
                            LaunchType = service.LaunchType,
                            PlatformVersion = "1.4.0",
                            NetworkConfiguration = network,
                            RolloutState = "IN_PROGRESS",
                            RolloutStateReason = "ECS deployment in progress.",
                        },
                    ]
                    : service.Deployments?.Select(d => d with { DesiredCount = desiredCount, UpdatedAt = now }).ToList(),
            };
            cluster.Services[name] = updated;
            return new UpdateServiceResponse { Service = cluster.Snapshot(updated) };
        });
    }
}
