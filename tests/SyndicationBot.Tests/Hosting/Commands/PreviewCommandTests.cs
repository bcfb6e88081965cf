using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Posts.Text;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Hosting.Commands;

/// <summary><c>preview --json</c> as an operator runs it: the seed page, a bad file next to it, every network's post.</summary>
public sealed partial class PreviewCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_SeedAndAnEmptyFile_ShowsTheFrenchSummaryEveryPostInsideItsRuleAndTheRejection()
    {
        // Arrange
        var seeds = Directory.CreateDirectory(_folder.Combine("seeds")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "Hosting", "seed.txt"), Path.Combine(seeds, "000_seed.txt"));
        await File.WriteAllBytesAsync(Path.Combine(seeds, "001_empty.txt"), []);

        // Act
        var (exit, json, _) = await RunAsync("preview", seeds, "--json");

        // Assert
        Assert.Equal(1, exit);
        using var document = JsonDocument.Parse(json);
        var article = Assert.Single(document.RootElement.GetProperty("articles").EnumerateArray());
        Assert.Equal("Hammouchi et la Chine renforcent le partenariat sécuritaire", article.GetProperty("title").GetString());
        Assert.Equal("fr", article.GetProperty("language").GetString());
        var summary = article.GetProperty("summary").GetString()!;
        Assert.Contains("Abdellatif Hammouchi", summary, StringComparison.Ordinal);
        Assert.Contains("l’ambassadrice de Chine", summary, StringComparison.Ordinal);
        Assert.Contains("dialogue sécuritaire", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Suivez-nous", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Sous-Rubrique", json, StringComparison.Ordinal);

        var posts = article.GetProperty("posts").EnumerateArray().ToDictionary(p => p.GetProperty("channel").GetString()!, StringComparer.Ordinal);
        Assert.Equal(["bluesky", "facebook", "mastodon", "outbox", "telegram", "webhook", "x"], posts.Keys.Order(StringComparer.Ordinal));
        foreach (var (channel, post) in posts)
        {
            var limit = post.GetProperty("limit");
            if (channel is "outbox" or "webhook")
            {
                Assert.Equal(JsonValueKind.Null, limit.ValueKind);
            }
            else
            {
                Assert.InRange(post.GetProperty("length").GetInt32(), 1, limit.GetInt32());
            }
        }

        var x = posts["x"].GetProperty("text").GetString()!;
        Assert.InRange(TwitterText.WeightedLength(x), 1, 280);
        var bluesky = posts["bluesky"];
        var blueskyText = bluesky.GetProperty("text").GetString()!;
        Assert.InRange(new StringInfo(blueskyText).LengthInTextElements, 1, 300);
        var bytes = Encoding.UTF8.GetBytes(blueskyText);
        foreach (var facet in bluesky.GetProperty("facets").EnumerateArray())
        {
            var slice = Encoding.UTF8.GetString(bytes, facet.GetProperty("byteStart").GetInt32(), facet.GetProperty("byteEnd").GetInt32() - facet.GetProperty("byteStart").GetInt32());
            var value = facet.GetProperty("value").GetString()!;
            Assert.Equal(facet.GetProperty("type").GetString() == "tag" ? "#" + value : value, slice);
        }

        var visibleTelegram = System.Net.WebUtility.HtmlDecode(Tags().Replace(posts["telegram"].GetProperty("text").GetString()!, string.Empty));
        Assert.InRange(visibleTelegram.Length, 1, 4096);
        var rejected = Assert.Single(document.RootElement.GetProperty("rejected").EnumerateArray());
        Assert.Contains("001_empty.txt", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PreviewText_ShowsNoLimitForChannelsWithoutOne()
    {
        // Arrange
        var page = _folder.Combine("page.txt");
        await File.WriteAllTextAsync(page, "Storm closes the port of Tangier for a second day\nThe port of Tangier Med stayed closed on Tuesday as gale-force winds hit the Strait of Gibraltar, the port authority said.\nFerry crossings to Algeciras were suspended, leaving hundreds of lorries waiting at the terminals.\n");

        // Act
        var (exit, text, _) = await RunAsync("preview", page);

        // Assert
        Assert.Equal(0, exit);
        Assert.Matches(@"--- outbox \(\d+, no limit\)", text);
        Assert.Matches(@"--- x \(\d+/280\)", text);
        Assert.DoesNotContain(int.MaxValue.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TwoAccountsRoutedByLanguage_ShowsWhichChannelAndWhyOrWhySkipped()
    {
        // Arrange
        var seeds = Directory.CreateDirectory(_folder.Combine("seeds")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "Hosting", "seed.txt"), Path.Combine(seeds, "000_seed.txt"));
        await File.WriteAllTextAsync(Path.Combine(seeds, "001_en.txt"), "Storm closes the port of Tangier for a second day\nThe port of Tangier Med stayed closed on Tuesday as gale-force winds hit the Strait of Gibraltar, the port authority said.\nFerry crossings to Algeciras were suspended, leaving hundreds of lorries waiting at the terminals.\n");
        string[] routing =
        [
            "--Channels:archive-fr:Network=outbox", "--Channels:archive-ar:Network=outbox",
            "--Routing:Routes:0:Name=french", "--Routing:Routes:0:Languages:0=fr", "--Routing:Routes:0:Channels:0=archive-fr",
            "--Routing:Routes:1:Name=arabic", "--Routing:Routes:1:Languages:0=ar", "--Routing:Routes:1:Channels:0=archive-ar",
        ];

        // Act
        var (exit, json, _) = await RunAsync(["preview", seeds, "--json", .. routing]);
        var (_, text, _) = await RunAsync(["preview", seeds, .. routing]);

        // Assert
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(json);
        var articles = document.RootElement.GetProperty("articles").EnumerateArray().ToList();
        var french = articles[0].GetProperty("routing");
        var channel = Assert.Single(french.GetProperty("channels").EnumerateArray());
        Assert.Equal("archive-fr", channel.GetProperty("channel").GetString());
        Assert.Equal("route 'french': language fr", channel.GetProperty("because").GetString());
        Assert.Equal(JsonValueKind.Null, french.GetProperty("skipped").ValueKind);
        var english = articles[1].GetProperty("routing");
        Assert.Empty(english.GetProperty("channels").EnumerateArray());
        Assert.Contains("route 'arabic': wants language ar (it is en)", english.GetProperty("skipped").GetString(), StringComparison.Ordinal);
        Assert.Contains("Goes to:  archive-fr — route 'french': language fr", text, StringComparison.Ordinal);
        Assert.Contains("Goes to:  no channel; it would be skipped: no route sends it anywhere", text, StringComparison.Ordinal);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SyndicationBotCommandLine.InvokeAsync(args, settings => TestHost.CreateBuilder(_folder, new Dictionary<string, string?>(), args: settings), output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
