using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SyndicationBot.Channels.Telegram;

internal static class TelegramServiceCollectionExtensions
{
    // Registers the Telegram channel (section Channels:Telegram) as an IChannel, with the named
    // HTTP client HttpClientName that Telegram.Bot sends through.
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services) => services.AddTelegramChannel(ChannelAccount.Default(TelegramNetwork.Descriptor));

    // The same for one account (section Channels:<id>): its own bot token and chat.
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services, ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        services.AddAccountOptions(account, TelegramOptions.SectionName, new TelegramOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);
        // The Bot API carries the token in the URL path (/bot<token>/sendMessage), and the factory's default
        // logging prints request URLs: without this the token would reach the logs.
        services.AddHttpClient(account.ClientName(TelegramChannel.HttpClientName)).RemoveAllLoggers();
        return services.AddAccountChannel<TelegramChannel>(account, sp => [account, sp.GetAccountOptions<TelegramOptions>(account), sp.GetAccountHttpClients(account)]);
    }
}
