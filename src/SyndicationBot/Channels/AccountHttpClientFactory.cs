namespace SyndicationBot.Channels;

/// <summary>
/// What a channel of a named account gets as its <see cref="IHttpClientFactory"/>: the client it asks for by the
/// network's name is the account's own (<see cref="ChannelAccount.ClientName"/>), with the account's base URL,
/// so the channel's request code is the same for every account.
/// </summary>
internal sealed class AccountHttpClientFactory(IHttpClientFactory inner, ChannelAccount account) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => inner.CreateClient(account.ClientName(name));
}
