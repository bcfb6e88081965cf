using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.X;

internal static class XServiceCollectionExtensions
{
    /// <summary>Registers the X channel (section <c>Channels:X</c>) as an <see cref="IChannel"/> with its named HTTP client.</summary>
    public static IServiceCollection AddXChannel(this IServiceCollection services) => services.AddXChannel(ChannelAccount.Default(XNetwork.Descriptor));

    /// <summary>Registers the X channel of <paramref name="account"/> (section <c>Channels:&lt;id&gt;</c>) with its own HTTP client and authenticator.</summary>
    public static IServiceCollection AddXChannel(this IServiceCollection services, ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var section = account.Section(XOptions.SectionName);
        var options = services.AddAccountOptions(account, XOptions.SectionName, new XOptionsValidator(), new XCredentialsValidator());
        if (!account.IsDefault)
        {
            // Each account rotates its own OAuth 2.0 refresh token.
            options.Configure<IConfiguration>((x, configuration) => x.TokenFile = configuration[$"{section}:TokenFile"] ?? $"data/{account.Id}-oauth2-token.json");
        }

        services.TryAddTimeProvider();
        services.AddHttpClient(account.ClientName(XChannel.HttpClientName), (sp, client) =>
        {
            client.BaseAddress = ChannelHttp.WithTrailingSlash(sp.GetAccountOptions<XOptions>(account).Value.BaseUrl);
            client.Timeout = ChannelHttp.BackstopTimeout;
        }).WithoutHeaderLogging();
        services.AddKeyedSingleton<IXAuthenticator>(account.Id, (sp, _) =>
        {
            var options = sp.GetAccountOptions<XOptions>(account).Value;
            var timeProvider = sp.GetRequiredService<TimeProvider>();
            return options.Auth == XAuthMode.OAuth1
                ? new XOAuth1Authenticator(() => XCredentials.OAuth1(options), timeProvider)
                : new XOAuth2Authenticator(
                    sp.GetAccountHttpClients(account),
                    options,
                    new XTokenFile(options.TokenFile, timeProvider),
                    timeProvider,
                    sp.GetRequiredService<ILogger<XOAuth2Authenticator>>());
        });
        return services.AddAccountChannel<XChannel>(account, sp =>
        [
            account,
            sp.GetAccountOptions<XOptions>(account),
            sp.GetAccountHttpClients(account),
            sp.GetRequiredKeyedService<IXAuthenticator>(account.Id),
        ]);
    }
}
