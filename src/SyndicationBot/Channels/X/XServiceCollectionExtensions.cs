using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.X;

internal static class XServiceCollectionExtensions
{
    /// <summary>Registers the X channel (section <c>Channels:X</c>) as an <see cref="IChannel"/> with its named HTTP client.</summary>
    public static IServiceCollection AddXChannel(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<XOptions>().BindConfiguration(XOptions.SectionName);
        services.AddSingleton<IValidateOptions<XOptions>, XOptionsValidator>();
        services.AddSingleton<IValidateOptions<XOptions>, XCredentialsValidator>();
        services.TryAddTimeProvider();
        services.AddHttpClient(XChannel.HttpClientName, (sp, client) =>
        {
            client.BaseAddress = ChannelHttp.WithTrailingSlash(sp.GetRequiredService<IOptions<XOptions>>().Value.BaseUrl);
            client.Timeout = ChannelHttp.BackstopTimeout;
        }).WithoutHeaderLogging();
        services.AddSingleton<IXAuthenticator>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<XOptions>>().Value;
            var timeProvider = sp.GetRequiredService<TimeProvider>();
            return options.Auth == XAuthMode.OAuth1
                ? new XOAuth1Authenticator(() => XCredentials.OAuth1(options), timeProvider)
                : new XOAuth2Authenticator(
                    sp.GetRequiredService<IHttpClientFactory>(),
                    options,
                    new XTokenFile(options.TokenFile, timeProvider),
                    timeProvider,
                    sp.GetRequiredService<ILogger<XOAuth2Authenticator>>());
        });
        services.AddSingleton<XChannel>();
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<XChannel>());
        return services;
    }
}
