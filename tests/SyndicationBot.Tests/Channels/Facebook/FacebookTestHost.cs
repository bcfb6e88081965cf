using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels.Facebook;

namespace SyndicationBot.Tests.Channels.Facebook;

/// <summary>The real DI graph of the channel with a fake clock and captured logs.</summary>
internal sealed class FacebookTestHost : IDisposable
{
    private readonly ServiceProvider provider;

    public FacebookTestHost(Uri baseUrl, string pageToken, string appSecret, string pageId = FacebookContractServer.PageId)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero));
        var settings = new Dictionary<string, string?>
        {
            ["Channels:Facebook:Enabled"] = "true",
            ["Channels:Facebook:BaseUrl"] = baseUrl.AbsoluteUri,
            ["Channels:Facebook:PageId"] = pageId,
            ["Channels:Facebook:PageAccessToken"] = pageToken,
            ["Channels:Facebook:AppSecret"] = appSecret,
        };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddFacebookChannel();
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Channel = provider.GetRequiredService<FacebookChannel>();
    }

    public FakeTimeProvider Time { get; }

    public FacebookChannel Channel { get; }

    public FakeLogCollector Logs => provider.GetFakeLogCollector();

    public void Dispose() => provider.Dispose();
}
