using EcsOps.Aws.Config;

namespace EcsOps.Aws.Endpoints;

/// <summary>
/// Decides where every AWS request of EcsOps goes, for our JSON clients and for the AWS SDK clients alike.
/// Precedence, as the AWS SDKs define it: <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, <c>AWS_ENDPOINT_URL</c>, the
/// service's <c>endpoint_url</c> in the profile's <c>[services …]</c> section, the profile's <c>endpoint_url</c>,
/// then the public endpoint <c>https://&lt;prefix&gt;.&lt;region&gt;.amazonaws.com</c>. Setting
/// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c> (or <c>ignore_configured_endpoint_urls</c> in the profile)
/// turns every override off.
/// </summary>
public sealed class EndpointResolver
{
    private const string DefaultProfileName = "default";
    private readonly IEnvironmentVariables _environment;
    private readonly Lazy<ProfileSettings> _profile;

    /// <param name="environment">Where AWS_* variables are read; each test can bring its own.</param>
    /// <param name="profileName">The profile whose endpoint settings apply; <c>AWS_PROFILE</c> or <c>default</c> when null.</param>
    /// <param name="configFile">The shared config file; read from disk (per <paramref name="environment"/>) when null.</param>
    public EndpointResolver(IEnvironmentVariables environment, string? profileName = null, AwsSharedConfigFile? configFile = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        var profile = profileName ?? environment.AwsProfile() ?? DefaultProfileName;
        _profile = new Lazy<ProfileSettings>(() => ProfileSettings.From(configFile ?? AwsSharedConfigFile.Load(environment), profile));
    }

    /// <summary>Resolves the endpoint of <paramref name="service"/> for requests in <paramref name="region"/>.</summary>
    /// <exception cref="EndpointConfigurationException">An override is not an absolute http(s) URL.</exception>
    public ResolvedEndpoint Resolve(AwsServiceId service, string region)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var signingRegion = service.GlobalRegion is null ? region : GlobalRegionFor(service, region);
        var ignore = _environment.GetFlag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") || _profile.Value.IgnoreConfiguredEndpointUrls;
        if (!ignore)
        {
            var profile = _profile.Value;
            (string? Url, EndpointSource Source, string Setting)[] candidates =
            [
                (_environment.GetNonEmpty(service.EndpointVariable), EndpointSource.ServiceEnvironmentVariable, service.EndpointVariable),
                (_environment.GetNonEmpty("AWS_ENDPOINT_URL"), EndpointSource.GlobalEnvironmentVariable, "AWS_ENDPOINT_URL"),
                (profile.ServiceEndpointUrl(service), EndpointSource.ServiceProfileSetting, $"{service.ConfigKey}.endpoint_url in [services {profile.ServicesSection}]"),
                (profile.GlobalEndpointUrl, EndpointSource.GlobalProfileSetting, $"endpoint_url in profile {profile.Name}"),
            ];
            foreach (var (url, source, setting) in candidates)
            {
                if (url is not null)
                {
                    return new ResolvedEndpoint(ParseOverride(url, setting), signingRegion, service.SigningName, source);
                }
            }
        }

        var host = $"{service.EndpointPrefix}.{signingRegion}.{DnsSuffix(signingRegion)}";
        return new ResolvedEndpoint(new Uri($"https://{host}/"), signingRegion, service.SigningName, EndpointSource.Default);
    }

    /// <summary>The DNS suffix of the partition a region belongs to.</summary>
    public static string DnsSuffix(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";

    private static string GlobalRegionFor(AwsServiceId service, string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "cn-northwest-1"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "us-gov-west-1"
        : service.GlobalRegion!;

    private static Uri ParseOverride(string value, string setting)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new EndpointConfigurationException($"{setting} is '{value}', which is not an absolute http:// or https:// URL");
        }

        return uri;
    }

    private sealed record ProfileSettings(
        string Name,
        string? GlobalEndpointUrl,
        string? ServicesSection,
        IReadOnlyDictionary<string, string> Services,
        bool IgnoreConfiguredEndpointUrls)
    {
        public static ProfileSettings From(AwsSharedConfigFile file, string profileName)
        {
            var profile = file.Profile(profileName);
            var servicesSection = Value(profile, "services");
            return new ProfileSettings(
                profileName,
                Value(profile, "endpoint_url"),
                servicesSection,
                servicesSection is null ? new Dictionary<string, string>() : file.Services(servicesSection),
                string.Equals(Value(profile, "ignore_configured_endpoint_urls"), "true", StringComparison.OrdinalIgnoreCase));
        }

        public string? ServiceEndpointUrl(AwsServiceId service) => Value(Services, service.ConfigKey + ".endpoint_url");

        private static string? Value(IReadOnlyDictionary<string, string> settings, string key) =>
            settings.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
    }
}
