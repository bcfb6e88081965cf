using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SyndicationBot.Channels.Facebook;

internal static class FacebookServiceCollectionExtensions
{
    // Registers the Facebook Page channel (section Channels:Facebook) as an IChannel, with the
    // named HTTP client HttpClientName.
    public static IServiceCollection AddFacebookChannel(this IServiceCollection services) => services.AddFacebookChannel(ChannelAccount.Default(FacebookNetwork.Descriptor));

    // The same for one account (section Channels:<id>): its own Page and token.
    public static IServiceCollection AddFacebookChannel(this IServiceCollection services, ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        services.AddAccountOptions(account, FacebookOptions.SectionName, new FacebookOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);
        // The factory's trace logging redacts header values in the message text only: its structured state
        // still carries the raw Authorization header, which a JSON or OpenTelemetry sink would export.
        // The channel logs every outcome itself, so the factory's loggers go.
        services.AddHttpClient(account.ClientName(FacebookChannel.HttpClientName)).RemoveAllLoggers();
        return services.AddAccountChannel<FacebookChannel>(account, sp => [account, sp.GetAccountOptions<FacebookOptions>(account), sp.GetAccountHttpClients(account)]);
    }
}
