namespace SyndicationBot.Tests.Contract;

/// <summary>
/// Counts a request of the code under test as open from the moment it is sent until its whole answer (body
/// included) has arrived or it failed, so a test driving the fake clock knows when real I/O is still under way.
/// </summary>
public sealed class CountingHandler(RequestCounter open) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        open.Enter();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        finally
        {
            open.Leave();
        }
    }
}
