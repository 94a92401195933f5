namespace EcsOps.Aws.Endpoints;

/// <summary>Where a resolved endpoint came from, in order of precedence.</summary>
public enum EndpointSource
{
    /// <summary><c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>.</summary>
    ServiceEnvironmentVariable,

    /// <summary><c>AWS_ENDPOINT_URL</c>.</summary>
    GlobalEnvironmentVariable,

    /// <summary><c>endpoint_url</c> under the service's key in the profile's <c>[services …]</c> section.</summary>
    ServiceProfileSetting,

    /// <summary><c>endpoint_url</c> in the profile itself.</summary>
    GlobalProfileSetting,

    /// <summary>The public AWS endpoint for the region.</summary>
    Default,
}
