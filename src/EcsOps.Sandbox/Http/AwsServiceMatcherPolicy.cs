using Microsoft.AspNetCore.Routing.Matching;

namespace EcsOps.Sandbox.Http;

/// <summary>
/// Several services share <c>POST /</c> (and S3 owns every path), so route matching alone cannot choose.
/// This policy keeps only the candidate endpoints whose <see cref="AwsServiceMetadata"/> matches the service
/// the pipeline classified the request as (from X-Amz-Target, the query Action, or S3 by elimination).
/// </summary>
internal sealed class AwsServiceMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(static e => e.Metadata.GetMetadata<AwsServiceMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var service = httpContext.Features.Get<AwsRequestContext>()?.Service;
        for (var i = 0; i < candidates.Count; i++)
        {
            var metadata = candidates[i].Endpoint.Metadata.GetMetadata<AwsServiceMetadata>();
            if (metadata is not null && metadata.Service != service)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
