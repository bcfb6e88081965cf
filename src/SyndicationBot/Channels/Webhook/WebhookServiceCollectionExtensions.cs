using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.Webhook;

internal static class WebhookServiceCollectionExtensions
{
    /// <summary>Registers the webhook channel (section <c>Channels:Webhook</c>) as an <see cref="IChannel"/> with its named HTTP client.</summary>
    public static IServiceCollection AddWebhookChannel(this IServiceCollection services) => services.AddWebhookChannel(ChannelAccount.Default(WebhookNetwork.Descriptor));

    /// <summary>Registers the webhook channel of <paramref name="account"/> (a Discord and a Slack hook are two accounts).</summary>
    public static IServiceCollection AddWebhookChannel(this IServiceCollection services, ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        services.AddAccountOptions(account, WebhookOptions.SectionName, new WebhookOptionsValidator());
        services.TryAddTimeProvider();
        services.AddHttpClient(account.ClientName(WebhookChannel.HttpClientName), client => client.Timeout = ChannelHttp.BackstopTimeout).WithoutHeaderLogging();
        return services.AddAccountChannel<WebhookChannel>(account, sp => [account, sp.GetAccountOptions<WebhookOptions>(account), sp.GetAccountHttpClients(account)]);
    }
}
