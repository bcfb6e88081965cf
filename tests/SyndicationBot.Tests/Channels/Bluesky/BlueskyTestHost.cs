using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels.Bluesky;

namespace SyndicationBot.Tests.Channels.Bluesky;

/// <summary>The real DI graph of the channel (options binding, validation, HTTP client factory) with a fake clock and captured logs.</summary>
internal sealed class BlueskyTestHost : IDisposable
{
    private readonly ServiceProvider provider;

    // The contract server also serves the link-card images, from 127.0.0.1: the egress policy is lifted unless a test asks for it.
    public BlueskyTestHost(Uri baseUrl, string identifier, string appPassword, FakeTimeProvider? time = null, bool allowPrivateAddresses = true)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Channels:Bluesky:Enabled"] = "true",
                ["Channels:Bluesky:BaseUrl"] = baseUrl.AbsoluteUri,
                ["Channels:Bluesky:Identifier"] = identifier,
                ["Channels:Bluesky:AppPassword"] = appPassword,
                ["Sources:AllowPrivateAddresses"] = allowPrivateAddresses ? "true" : "false",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddBlueskyChannel();
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Channel = provider.GetRequiredService<BlueskyChannel>();
    }

    public FakeTimeProvider Time { get; }

    public BlueskyChannel Channel { get; }

    public FakeLogCollector Logs => provider.GetFakeLogCollector();

    public void Dispose() => provider.Dispose();
}
