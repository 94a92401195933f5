using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Tests.Signing;

public class AwsUriEncodingTests
{
    [Theory]
    [InlineData("a b*(c)", true, "a%20b%2A%28c%29")]
    [InlineData("~-_.azAZ09", true, "~-_.azAZ09")]
    [InlineData("dir/file+1", false, "dir/file%2B1")]
    [InlineData("dir/file", true, "dir%2Ffile")]
    [InlineData("\u1234", true, "%E1%88%B4")]
    public void Encode_Value_UsesRfc3986UnreservedSetAndUppercaseHex(string value, bool encodeSlash, string expected)
    {
        Assert.Equal(expected, AwsUriEncoding.Encode(value, encodeSlash));
    }

    [Theory]
    [InlineData("%7e%7E~", "~~~")]
    [InlineData("a$b", "a%24b")]
    [InlineData("a%2", "a%252")]
    [InlineData("%e1%88%b4", "%E1%88%B4")]
    [InlineData("a+b", "a%2Bb")]
    public void Reencode_WireValue_ProducesCanonicalEscapes(string wire, string expected)
    {
        Assert.Equal(expected, AwsUriEncoding.Reencode(wire, encodeSlash: true));
    }
}
