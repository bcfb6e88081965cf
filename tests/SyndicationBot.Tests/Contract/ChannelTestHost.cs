using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace SyndicationBot.Tests.Contract;

/// <summary>The real DI graph of a channel feature, with in-memory configuration, a fake clock and captured logs.</summary>
public sealed class ChannelTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    private ChannelTestHost(ServiceProvider services, FakeTimeProvider time, RequestCounter openRequests)
    {
        Services = services;
        Time = time;
        OpenRequests = openRequests;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The channels' HTTP requests that are sent and not yet fully answered.</summary>
    public RequestCounter OpenRequests { get; }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public static ChannelTestHost Create(IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection> register, FakeTimeProvider? time = null)
    {
        time ??= new FakeTimeProvider(Start);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        services.AddFakeLogging(options => options.CollectRecordsForDisabledLogLevels = true);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        var openRequests = new RequestCounter();
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new CountingHandler(openRequests)));
        register(services);
        return new ChannelTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), time, openRequests);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Every logged message and structured value joined, for secret scans.</summary>
    public string AllLogText() => string.Join('\n', Logs.GetSnapshot().Select(r =>
        r.Message + " " + r.Exception + " " + string.Join(' ', r.StructuredState?.Select(s => s.Key + "=" + s.Value) ?? [])));

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
