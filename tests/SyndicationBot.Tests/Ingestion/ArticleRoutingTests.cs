using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Ingestion;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Ingestion;

/// <summary>Routing through the real graph: an article is queued only on its routes' channels, or recorded as skipped with the reason.</summary>
public sealed class ArticleRoutingTests : IDisposable
{
    private const string French =
        """
        Le port de Tanger Med rouvre après deux jours de tempête
        Le port de Tanger Med a rouvert mercredi matin après l'accalmie des vents, a indiqué l'autorité portuaire, et les premiers ferries sont partis pour Algésiras à 9 heures.
        Les traversées vers Tarifa reprendront jeudi, selon la compagnie, qui a demandé aux passagers de vérifier les horaires avant de se déplacer.
        """;

    private const string English =
        """
        Storm closes the port of Tangier for a second day
        The port of Tangier Med stayed closed on Tuesday as gale-force winds and waves of up to seven metres hit the Strait of Gibraltar, the port authority said.
        Ferry crossings to Algeciras and Tarifa were suspended, leaving hundreds of lorries waiting at the terminals.
        """;

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(TestHost.DefaultStart);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task IngestAsync_TwoAccountsRoutedByLanguage_QueuedOnlyOnTheFrenchAccount()
    {
        // Arrange
        using var host = BuildHost();
        var (ingestor, queue) = Resolve(host);

        // Act
        var record = Assert.Single(await ingestor.IngestAsync("seeds/port-fr.txt", Encoding.UTF8.GetBytes(French), [], CancellationToken.None));

        // Assert
        Assert.Equal(IngestOutcome.Queued, record.Outcome);
        var post = Assert.Single(await queue.ListAsync(Enum.GetValues<PostState>(), 100, newestFirst: false, CancellationToken.None));
        Assert.Equal("archive-fr", post.Channel);
        Assert.Equal("archive-fr", post.Draft.Channel);
    }

    [Fact]
    public async Task IngestAsync_NoRouteAndNoDefault_RecordedSkippedWithTheReasonAndNothingQueued()
    {
        // Arrange
        using var host = BuildHost();
        var (ingestor, queue) = Resolve(host);

        // Act
        var record = Assert.Single(await ingestor.IngestAsync("seeds/port-en.txt", Encoding.UTF8.GetBytes(English), [], CancellationToken.None));

        // Assert
        Assert.Equal(IngestOutcome.Skipped, record.Outcome);
        Assert.StartsWith("no route sends it anywhere", record.Detail, StringComparison.Ordinal);
        Assert.Contains("route 'french': wants language fr (it is en)", record.Detail, StringComparison.Ordinal);
        Assert.Empty(await queue.ListAsync(Enum.GetValues<PostState>(), 100, newestFirst: false, CancellationToken.None));
        var stored = await queue.GetIngestAsync(record.Fingerprint, CancellationToken.None);
        Assert.Equal((IngestOutcome.Skipped, record.Detail), (stored!.Outcome, stored.Detail));
    }

    private static (ArticleIngestor Ingestor, IPostQueue Queue) Resolve(IHost host) =>
        (host.Services.GetRequiredService<ArticleIngestor>(), host.Services.GetRequiredService<IPostQueue>());

    private IHost BuildHost() =>
        TestHost.CreateBuilder(_folder, new Dictionary<string, string?>
        {
            ["Channels:Outbox:Enabled"] = "false",
            ["Channels:archive-fr:Network"] = "outbox",
            ["Channels:archive-ar:Network"] = "outbox",
            ["Routing:Routes:0:Name"] = "french",
            ["Routing:Routes:0:Languages:0"] = "fr",
            ["Routing:Routes:0:Channels:0"] = "archive-fr",
            ["Routing:Routes:1:Name"] = "arabic",
            ["Routing:Routes:1:Languages:0"] = "ar",
            ["Routing:Routes:1:Channels:0"] = "archive-ar",
        }, _time).Build();
}
