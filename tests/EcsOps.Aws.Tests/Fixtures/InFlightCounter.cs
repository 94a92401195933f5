namespace EcsOps.Aws.Tests.Fixtures;

/// <summary>Counts requests in flight through an HttpClient and remembers the most at once.</summary>
internal sealed class InFlightCounter() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _current;
    private int _maximum;
    private int _total;

    public int Maximum => Volatile.Read(ref _maximum);

    public int Total => Volatile.Read(ref _total);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _current);
        Interlocked.Increment(ref _total);
        int seen;
        while (now > (seen = Volatile.Read(ref _maximum)) && Interlocked.CompareExchange(ref _maximum, now, seen) != seen)
        {
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }
}
