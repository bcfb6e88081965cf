using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.Mastodon;

internal static class MastodonServiceCollectionExtensions
{
    /// <summary>Registers the Mastodon channel (section <c>Channels:Mastodon</c>) as an <see cref="IChannel"/> with its named HTTP client.</summary>
    public static IServiceCollection AddMastodonChannel(this IServiceCollection services) => services.AddMastodonChannel(ChannelAccount.Default(MastodonNetwork.Descriptor));

    /// <summary>Registers the Mastodon channel of <paramref name="account"/> (its own instance URL, token and HTTP client).</summary>
    public static IServiceCollection AddMastodonChannel(this IServiceCollection services, ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        services.AddAccountOptions(account, MastodonOptions.SectionName, new MastodonOptionsValidator(), new MastodonCredentialsValidator());
        services.TryAddTimeProvider();
        services.AddHttpClient(account.ClientName(MastodonChannel.HttpClientName), (sp, client) =>
        {
            // A disabled channel may have no URL; it never sends, so any placeholder will do.
            var baseUrl = sp.GetAccountOptions<MastodonOptions>(account).Value.BaseUrl ?? new Uri("http://127.0.0.1/");
            client.BaseAddress = ChannelHttp.WithTrailingSlash(baseUrl);
            client.Timeout = ChannelHttp.BackstopTimeout;
        }).WithoutHeaderLogging();
        services.AddAccountChannel<MastodonChannel>(account, sp => [account, sp.GetAccountOptions<MastodonOptions>(account), sp.GetAccountHttpClients(account)]);
        services.AddSingleton<IHostedService>(sp =>
            new MastodonInstanceProbe(sp.GetAccountChannel<MastodonChannel>(account), sp.GetAccountOptions<MastodonOptions>(account)));
        return services;
    }
}
