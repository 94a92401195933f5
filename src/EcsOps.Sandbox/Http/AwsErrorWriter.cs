using System.Text;
using System.Text.Json;
using System.Xml;

namespace EcsOps.Sandbox.Http;

/// <summary>Writes an <see cref="AwsErrorException"/> in the shape the caller's SDK parses for that protocol.</summary>
internal static class AwsErrorWriter
{
    public const string JsonContentType = "application/x-amz-json-1.1";

    public static Task WriteAsync(HttpContext context, AwsService service, string requestId, AwsErrorException error)
    {
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        var body = service.Protocol switch
        {
            AwsProtocol.Json => JsonBody(response, error),
            AwsProtocol.Query => QueryBody(response, requestId, error),
            AwsProtocol.Ec2Query => Ec2Body(response, requestId, error),
            _ => S3Body(response, requestId, error),
        };

        // HEAD answers carry the status only; S3 clients map 404/403 on HEAD without a body.
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static byte[] JsonBody(HttpResponse response, AwsErrorException error)
    {
        response.ContentType = JsonContentType;
        response.Headers["x-amzn-ErrorType"] = error.Code;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", error.Code);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static byte[] QueryBody(HttpResponse response, string requestId, AwsErrorException error)
    {
        response.ContentType = "text/xml";
        return Xml(writer =>
        {
            writer.WriteStartElement("ErrorResponse", "https://sts.amazonaws.com/doc/2011-06-15/");
            writer.WriteStartElement("Error");
            writer.WriteElementString("Type", error.FaultType);
            writer.WriteElementString("Code", error.Code);
            writer.WriteElementString("Message", error.Message);
            writer.WriteEndElement();
            writer.WriteElementString("RequestId", requestId);
            writer.WriteEndElement();
        });
    }

    private static byte[] Ec2Body(HttpResponse response, string requestId, AwsErrorException error)
    {
        response.ContentType = "text/xml;charset=UTF-8";
        return Xml(writer =>
        {
            writer.WriteStartElement("Response");
            writer.WriteStartElement("Errors");
            writer.WriteStartElement("Error");
            writer.WriteElementString("Code", error.Code);
            writer.WriteElementString("Message", error.Message);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteElementString("RequestID", requestId);
            writer.WriteEndElement();
        });
    }

    private static byte[] S3Body(HttpResponse response, string requestId, AwsErrorException error)
    {
        response.ContentType = "application/xml";
        return Xml(writer =>
        {
            writer.WriteStartElement("Error");
            writer.WriteElementString("Code", error.Code);
            writer.WriteElementString("Message", error.Message);
            foreach (var (name, value) in error.S3Details)
            {
                writer.WriteElementString(name, value);
            }

            writer.WriteElementString("RequestId", requestId);
            writer.WriteElementString("HostId", requestId);
            writer.WriteEndElement();
        });
    }

    /// <summary>Serialises an XML document (UTF-8, with declaration, no BOM).</summary>
    public static byte[] Xml(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return buffer.ToArray();
    }
}
