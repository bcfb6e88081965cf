using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.Mastodon;

internal static class MastodonServiceCollectionExtensions
{
    /// <summary>Registers the Mastodon channel (section <c>Channels:Mastodon</c>) as an <see cref="IChannel"/> with its named HTTP client.</summary>
    public static IServiceCollection AddMastodonChannel(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<MastodonOptions>().BindConfiguration(MastodonOptions.SectionName);
        services.AddSingleton<IValidateOptions<MastodonOptions>, MastodonOptionsValidator>();
        services.AddSingleton<IValidateOptions<MastodonOptions>, MastodonCredentialsValidator>();
        services.TryAddTimeProvider();
        services.AddHttpClient(MastodonChannel.HttpClientName, (sp, client) =>
        {
            // A disabled channel may have no URL; it never sends, so any placeholder will do.
            var baseUrl = sp.GetRequiredService<IOptions<MastodonOptions>>().Value.BaseUrl ?? new Uri("http://127.0.0.1/");
            client.BaseAddress = ChannelHttp.WithTrailingSlash(baseUrl);
            client.Timeout = ChannelHttp.BackstopTimeout;
        }).WithoutHeaderLogging();
        services.AddSingleton<MastodonChannel>();
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<MastodonChannel>());
        services.AddHostedService<MastodonInstanceProbe>();
        return services;
    }
}
