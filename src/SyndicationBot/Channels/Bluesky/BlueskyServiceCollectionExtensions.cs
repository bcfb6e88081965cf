using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles.Egress;

namespace SyndicationBot.Channels.Bluesky;

internal static class BlueskyServiceCollectionExtensions
{
    // Registers the Bluesky channel (section Channels:Bluesky) as an IChannel, with the named
    // HTTP clients HttpClientName (XRPC) and ThumbHttpClientName
    // (link-card images). The channel is a singleton, so it asks the factory for a client per call instead of
    // holding a typed client's handler for ever.
    public static IServiceCollection AddBlueskyChannel(this IServiceCollection services) => services.AddBlueskyChannel(ChannelAccount.Default(BlueskyNetwork.Descriptor));

    // The same for one account (section Channels:<id>), with its own clients.
    public static IServiceCollection AddBlueskyChannel(this IServiceCollection services, ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        services.AddAccountOptions(account, BlueskyOptions.SectionName, new BlueskyOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);
        // The factory's trace logging redacts header values in the message text only: its structured state
        // still carries the raw Authorization header, which a JSON or OpenTelemetry sink would export.
        // The channel logs every outcome itself, so the factory's loggers go.
        services.AddHttpClient(account.ClientName(BlueskyChannel.HttpClientName)).RemoveAllLoggers();
        // A slow image server must not hold the post back for the default 100 s: the card goes out without it.
        // The image URL comes from the article page, not from the operator: its connections are held to the
        // egress policy (Sources:AllowPrivateAddresses), so a page cannot make the bot fetch from this machine.
        services.AddOptions<EgressOptions>().BindConfiguration(EgressOptions.SectionName);
        services.AddHttpClient(account.ClientName(BlueskyChannel.ThumbHttpClientName), c => c.Timeout = BlueskyChannel.ThumbTimeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new EgressPolicy(sp.GetRequiredService<IOptions<EgressOptions>>().Value.AllowPrivateAddresses).CreateHandler());
        return services.AddAccountChannel<BlueskyChannel>(account, sp => [account, sp.GetAccountOptions<BlueskyOptions>(account), sp.GetAccountHttpClients(account)]);
    }
}
