using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Telegram;

internal static class TelegramServiceCollectionExtensions
{
    // Registers the Telegram channel (section Channels:Telegram) as an IChannel, with the named
    // HTTP client HttpClientName that Telegram.Bot sends through.
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<TelegramOptions>().BindConfiguration(TelegramOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The Bot API carries the token in the URL path (/bot<token>/sendMessage), and the factory's default
        // logging prints request URLs: without this the token would reach the logs.
        services.AddHttpClient(TelegramChannel.HttpClientName).RemoveAllLoggers();
        services.TryAddSingleton<TelegramChannel>();
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<TelegramChannel>());
        return services;
    }
}
