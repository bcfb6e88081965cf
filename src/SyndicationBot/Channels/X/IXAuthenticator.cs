namespace SyndicationBot.Channels.X;

/// <summary>Puts user-context credentials on an X request (OAuth 1.0a signature or OAuth 2.0 bearer token).</summary>
internal interface IXAuthenticator
{
    /// <summary>Authorizes the request; returns a result instead when no credential can be had (the request must not be sent).</summary>
    ValueTask<PublishResult?> AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>After a 401: obtains a fresh credential once. False when there is nothing to renew.</summary>
    ValueTask<bool> RenewAsync(CancellationToken cancellationToken);
}
