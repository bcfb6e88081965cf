using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// The real host graph in a temp folder, built but not started: the tests call the loops' units of work
/// (<c>ScanOnceAsync</c>, <c>PollDueAsync</c>) themselves, and read what the operator would see: the ledger and the log.
/// </summary>
internal sealed class HostileHost : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private readonly IHost _host;

    private HostileHost(TempFolder folder, IHost host, FakeTimeProvider time, FakeLogCollector logs)
    {
        Folder = folder;
        _host = host;
        Time = time;
        Logs = logs;
    }

    public TempFolder Folder { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public string Seeds => Folder.Combine("seeds");

    public IServiceProvider Services => _host.Services;

    public static HostileHost Create(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var folder = new TempFolder();
        var time = new FakeTimeProvider(Start);
        var all = new Dictionary<string, string?>
        {
            ["Sources:SeedsPath"] = "seeds",
            ["Sources:Watch:SettleTime"] = "00:00:01",
            ["Channels:Outbox:Enabled"] = "true",
            ["Schedule:MinSpacing"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var builder = TestHost.CreateBuilder(folder, all, time);
        var collector = new FakeLogCollector();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(new FakeLoggerProvider(collector));
        configure?.Invoke(builder.Services);
        return new HostileHost(folder, builder.Build(), time, collector);
    }

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>A page written before the service's clock started, so the first scan takes it at once.</summary>
    public string WriteSeed(string name, string text)
    {
        var path = Path.Combine(Seeds, name);
        File.WriteAllText(path, text);
        StampBeforeStart(path);
        return path;
    }

    public static void StampBeforeStart(string path) => File.SetLastWriteTimeUtc(path, Start.AddHours(-1).UtcDateTime);

    /// <summary>The titles of the articles that have posts in the ledger.</summary>
    public async Task<List<string>> QueuedTitlesAsync()
    {
        var queue = Get<IPostQueue>();
        await queue.InitializeAsync(CancellationToken.None);
        var posts = await queue.ListAsync(Enum.GetValues<PostState>(), 100, newestFirst: false, CancellationToken.None);
        return [.. posts.Select(p => p.ArticleTitle).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The log lines at warning or above that mention <paramref name="text"/>.</summary>
    public List<string> Warnings(string text) =>
        [.. Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Warning && r.Message.Contains(text, StringComparison.Ordinal)).Select(r => r.Message)];

    public void Dispose()
    {
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        Folder.Dispose();
    }

    public static string Article(string title) =>
        $"""
        {title}
        The port authority said on Tuesday that the new terminal would open next spring, after two years of works and a budget raised twice by the regional council.
        Officials expect the terminal to double the number of passengers crossing the strait each summer, and the first ferry lines have already booked their slots.
        """;
}
