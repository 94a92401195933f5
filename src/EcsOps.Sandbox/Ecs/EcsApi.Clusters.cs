using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Ecs;

public static partial class EcsApi
{
    internal static ListClustersResponse ListClusters(EcsStore store, AwsRequestContext aws, ListClustersRequest request)
    {
        var arns = store.Read(ScopeOf(aws), region => region.Clusters.Values.Select(c => c.Model.ClusterArn).Order(StringComparer.Ordinal).ToList());
        var (page, next) = PageToken.Page(arns, request.NextToken, request.MaxResults, 100, 100, InvalidParameter);
        return new ListClustersResponse { ClusterArns = page, NextToken = next };
    }

    internal static DescribeClustersResponse DescribeClusters(EcsStore store, AwsRequestContext aws, DescribeClustersRequest request)
    {
        var names = request.Clusters is { Count: > 0 } given ? given : [DefaultCluster];
        if (names.Count > 100)
        {
            throw InvalidParameter("Clusters cannot have more than 100 elements.");
        }

        return store.Read(ScopeOf(aws), region =>
        {
            var clusters = new List<Cluster>();
            var failures = new List<Failure>();
            foreach (var nameOrArn in names)
            {
                var name = EcsArns.NameFrom(nameOrArn, "cluster", region.Scope);
                if (name is null || !region.Clusters.TryGetValue(name, out var state))
                {
                    failures.Add(Missing(nameOrArn, name => EcsArns.Cluster(region.Scope, name)));
                    continue;
                }

                var cluster = state.Snapshot();
                clusters.Add(cluster with
                {
                    Configuration = Includes(request.Include, "CONFIGURATIONS") ? cluster.Configuration : null,
                    Settings = Includes(request.Include, "SETTINGS") ? cluster.Settings : null,
                    Statistics = Includes(request.Include, "STATISTICS") ? cluster.Statistics : null,
                    Tags = Includes(request.Include, "TAGS") ? cluster.Tags : null,
                });
            }

            return new DescribeClustersResponse { Clusters = clusters, Failures = failures };
        });
    }
}
