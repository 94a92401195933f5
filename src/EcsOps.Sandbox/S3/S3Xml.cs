using System.Xml;
using System.Xml.Linq;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.S3;

/// <summary>Writing S3 XML responses and reading the small XML documents S3 requests carry.</summary>
internal static class S3Xml
{
    /// <summary>Largest XML request body accepted (a CompleteMultipartUpload of 10,000 parts fits).</summary>
    public const int MaxRequestDocumentBytes = 2 * 1024 * 1024;

    public static Task WriteAsync(S3Request request, Action<XmlWriter> write)
    {
        var body = AwsErrorWriter.Xml(write);
        request.Response.ContentType = "application/xml";
        request.Response.ContentLength = body.Length;
        return request.Response.Body.WriteAsync(body, request.Aborted).AsTask();
    }

    /// <summary>Reads and parses the request's XML body; MalformedXML when it is not well-formed.</summary>
    public static async Task<XDocument?> ReadAsync(S3Request request)
    {
        var bytes = await S3RequestBody.ReadSmallAsync(request.Context, MaxRequestDocumentBytes, request.Aborted);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(bytes);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            throw MalformedXml();
        }
    }

    public static AwsErrorException MalformedXml() =>
        new("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");

    /// <summary>The child elements named <paramref name="name"/>, in any (or no) namespace.</summary>
    public static IEnumerable<XElement> Children(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name);

    public static string? ChildValue(XElement parent, string name) => Children(parent, name).FirstOrDefault()?.Value;
}
