namespace EcsOps.Sandbox.Http;

/// <summary>The wire protocols of the emulated services; each has its own error shape.</summary>
public enum AwsProtocol
{
    /// <summary>AWS JSON 1.1: POST /, X-Amz-Target, <c>{"__type","message"}</c> errors.</summary>
    Json,

    /// <summary>AWS query: form parameters with an Action, XML responses, <c>&lt;ErrorResponse&gt;</c> errors.</summary>
    Query,

    /// <summary>EC2 query: form parameters like <see cref="Query"/>, but its own XML and <c>&lt;Response&gt;&lt;Errors&gt;</c> errors.</summary>
    Ec2Query,

    /// <summary>REST-XML (S3): method + path + subresource, <c>&lt;Error&gt;</c> errors.</summary>
    RestXml,
}
