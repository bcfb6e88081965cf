using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Hosting;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Ingestion;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Ingestion;

/// <summary>
/// Issue 14, acceptance 2, through the real graph: a held post is never published until approved; approved, it goes
/// out at the time its channel's schedule gives then (spacing kept), and an unapproved one expires with the reason.
/// </summary>
public sealed class ApprovalTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(TestHost.DefaultStart);
    private Dictionary<string, string?> _settings = [];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Dispatch_HeldPost_NotPublishedUntilApprovedThenAtTheSchedulesTimeAfterSpacing()
    {
        // Arrange: politics is held, everything else goes out by itself; spacing 5 minutes on the outbox.
        using var host = BuildHost(new()
        {
            ["Routing:Routes:0:Name"] = "politics",
            ["Routing:Routes:0:Tags:0"] = "politique",
            ["Routing:Routes:0:Channels:0"] = "outbox",
            ["Routing:Routes:0:Approval"] = "Hold",
            ["Routing:Default:0"] = "outbox",
        });
        await IngestAsync(host, "Le Parlement adopte la loi de finances", "politique");

        // Act 1: a day passes; the held post is never claimed.
        await DispatchForAsync(host, TimeSpan.FromMinutes(30));
        await IngestAsync(host, "Tempête sur le port de Tanger", "météo", "seeds/tempete.txt");
        await DispatchForAsync(host, TimeSpan.FromSeconds(10));
        var (_, list) = await RunAsync("queue", "list");
        var (_, status) = await RunAsync("status");
        var posts = await AllPostsAsync(host);
        var held = Assert.Single(posts, p => p.State == PostState.Held);
        var weather = Assert.Single(posts, p => p.State == PostState.Published);

        // Act 2: the editor approves it right after the weather post went out.
        var (approveExit, _) = await RunAsync("queue", "approve", held.Id.ToString(CultureInfo.InvariantCulture));
        var approved = (await AllPostsAsync(host)).Single(p => p.Id == held.Id);
        await DispatchForAsync(host, TimeSpan.FromMinutes(6));
        var published = (await AllPostsAsync(host)).Single(p => p.Id == held.Id);

        // Assert
        Assert.Matches($@"{held.Id}\s+outbox\s+Held", list);
        Assert.Contains("HELD      1 posts wait for approval", status, StringComparison.Ordinal);
        Assert.Equal(0, approveExit);
        Assert.Equal(PostState.Queued, approved.State);
        Assert.Equal(weather.PublishedAt!.Value.AddMinutes(5), approved.DueAt);
        Assert.Equal(PostState.Published, published.State);
        Assert.Equal(approved.DueAt, published.PublishedAt);
        Assert.Single(File.ReadAllLines(_folder.Combine("data", "outbox.jsonl")), l => l.Contains("Le Parlement adopte", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approve_PostNotHeldOrMissing_ExitOneSayingWhy()
    {
        // Arrange
        using var host = BuildHost([]);
        await IngestAsync(host, "Tempête sur le port de Tanger", "météo");
        var queued = Assert.Single(await AllPostsAsync(host));

        // Act
        var (exit, _, error) = await RunWithErrorAsync("queue", "approve", queued.Id.ToString(CultureInfo.InvariantCulture));
        var (missingExit, _, missing) = await RunWithErrorAsync("queue", "approve", "999");

        // Assert
        Assert.Equal(1, exit);
        Assert.Contains($"queue approve: post {queued.Id} is Queued; approve does not apply to a post in that state.", error, StringComparison.Ordinal);
        Assert.Equal(1, missingExit);
        Assert.Contains("queue approve: there is no post 999.", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_HeldPost_RefusedForGood()
    {
        // Arrange: every post of the 'desk' folder is held, with no routing at all.
        using var host = BuildHost(new() { ["Approval:Sources:0"] = "desk" });
        await IngestAsync(host, "Le Parlement adopte la loi de finances", "politique", "desk/loi.txt");
        var held = Assert.Single(await AllPostsAsync(host));

        // Act
        var (exit, _) = await RunAsync("queue", "cancel", held.Id.ToString(CultureInfo.InvariantCulture));
        await DispatchForAsync(host, TimeSpan.FromMinutes(10));

        // Assert
        Assert.Equal(PostState.Held, held.State);
        Assert.Equal(0, exit);
        Assert.Equal(PostState.Cancelled, Assert.Single(await AllPostsAsync(host)).State);
        Assert.False(File.Exists(_folder.Combine("data", "outbox.jsonl")));
    }

    [Fact]
    public async Task ExpireOnceAsync_HeldLongerThanMaxWait_CancelledWithTheReason()
    {
        // Arrange
        using var host = BuildHost(new() { ["Approval:Sources:0"] = "desk", ["Approval:MaxWait"] = "01:00:00" });
        await IngestAsync(host, "Le Parlement adopte la loi de finances", "politique", "desk/loi.txt");
        var expiry = host.Services.GetRequiredService<ApprovalExpiryService>();

        // Act
        _time.Advance(TimeSpan.FromMinutes(59));
        var early = await expiry.ExpireOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));
        var late = await expiry.ExpireOnceAsync(CancellationToken.None);

        // Assert
        Assert.Empty(early);
        var post = Assert.Single(await AllPostsAsync(host));
        Assert.Equal([post.Id], late);
        Assert.Equal(PostState.Cancelled, post.State);
        Assert.Equal("not approved within Approval:MaxWait 01:00:00; cancelled", post.LastError);
    }

    private static async Task IngestAsync(IHost host, string title, string tag, string path = "seeds/page.txt")
    {
        var page = $"---\ntitle: {title}\ntags: [{tag}]\n---\n{title}\nLes députés ont voté mardi soir le texte, après trois jours de débats, a indiqué la présidence de la chambre dans un communiqué.\nLe gouvernement a salué un vote qui permet de tenir le calendrier prévu pour la fin de l'année.\n";
        await host.Services.GetRequiredService<ArticleIngestor>().IngestAsync(path, Encoding.UTF8.GetBytes(page), [], CancellationToken.None);
    }

    private async Task DispatchForAsync(IHost host, TimeSpan span)
    {
        var dispatcher = host.Services.GetRequiredService<Dispatcher>();
        var end = _time.GetUtcNow() + span;
        while (_time.GetUtcNow() < end)
        {
            await dispatcher.RunOnceAsync(CancellationToken.None, CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(5));
        }
    }

    private static async Task<IReadOnlyList<QueuedPost>> AllPostsAsync(IHost host) =>
        await host.Services.GetRequiredService<IPostQueue>().ListAsync(Enum.GetValues<PostState>(), 100, newestFirst: false, CancellationToken.None);

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var (exit, output, _) = await RunWithErrorAsync(args);
        return (exit, output);
    }

    private async Task<(int Exit, string Output, string Error)> RunWithErrorAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SyndicationBotCommandLine.InvokeAsync(args, settings => TestHost.CreateBuilder(_folder, _settings, _time, settings), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        settings["Schedule:MinSpacing"] = "00:05:00";
        _settings = settings;
        return TestHost.CreateBuilder(_folder, settings, _time).Build();
    }
}
