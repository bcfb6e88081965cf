using System.Net.Http.Headers;

namespace SyndicationBot.Channels.X;

/// <summary>Signs each request; the credentials are resolved on first use so a disabled channel needs none.</summary>
internal sealed class XOAuth1Authenticator(Func<OAuth1Credentials> credentials, TimeProvider timeProvider) : IXAuthenticator
{
    private readonly Lazy<OAuth1Credentials> resolved = new(credentials);

    public ValueTask<PublishResult?> AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri ?? throw new InvalidOperationException("The X request has no absolute URI.");
        var parameter = OAuth1Signer.CreateHeaderParameter(
            request.Method.Method, url, resolved.Value, OAuth1Signer.CreateNonce(), timeProvider.GetUtcNow().ToUnixTimeSeconds());
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", parameter);
        return ValueTask.FromResult<PublishResult?>(null);
    }

    // OAuth 1.0a tokens do not expire; a 401 means they were revoked or the clock is off.
    public ValueTask<bool> RenewAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
