namespace EcsOps.Aws.Endpoints;

/// <summary>An endpoint setting that is not an absolute http(s) URL, naming the setting it came from.</summary>
public sealed class EndpointConfigurationException : Exception
{
    public EndpointConfigurationException()
    {
    }

    public EndpointConfigurationException(string message) : base(message)
    {
    }

    public EndpointConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
