using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels.Telegram;

namespace SyndicationBot.Tests.Channels.Telegram;

/// <summary>The real DI graph of the channel with a fake clock and captured logs.</summary>
internal sealed class TelegramTestHost : IDisposable
{
    private readonly ServiceProvider provider;

    public TelegramTestHost(Uri baseUrl, string token, string chatId, Action<Dictionary<string, string?>>? configure = null, TimeSpan? httpTimeout = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero));
        var settings = new Dictionary<string, string?>
        {
            ["Channels:Telegram:Enabled"] = "true",
            ["Channels:Telegram:BaseUrl"] = baseUrl.AbsoluteUri,
            ["Channels:Telegram:BotToken"] = token,
            ["Channels:Telegram:ChatId"] = chatId,
        };
        configure?.Invoke(settings);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddTelegramChannel();
        if (httpTimeout is { } timeout)
        {
            services.AddHttpClient(TelegramChannel.HttpClientName).ConfigureHttpClient(c => c.Timeout = timeout);
        }

        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Channel = provider.GetRequiredService<TelegramChannel>();
    }

    public FakeTimeProvider Time { get; }

    public TelegramChannel Channel { get; }

    public FakeLogCollector Logs => provider.GetFakeLogCollector();

    public void Dispose() => provider.Dispose();
}
