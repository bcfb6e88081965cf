using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.Webhook;

internal static class WebhookServiceCollectionExtensions
{
    /// <summary>Registers the webhook channel (section <c>Channels:Webhook</c>) as an <see cref="IChannel"/> with its named HTTP client.</summary>
    public static IServiceCollection AddWebhookChannel(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName);
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.TryAddTimeProvider();
        services.AddHttpClient(WebhookChannel.HttpClientName, client => client.Timeout = ChannelHttp.BackstopTimeout).WithoutHeaderLogging();
        services.AddSingleton<WebhookChannel>();
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<WebhookChannel>());
        return services;
    }
}
