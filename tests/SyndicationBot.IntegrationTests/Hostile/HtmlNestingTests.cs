using System.Diagnostics;
using System.Text;
using SyndicationBot.Articles;
using SyndicationBot.Hosting;
using SyndicationBot.Tests.Articles;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// A page built to make the HTML parser work quadratically: 100,000 unclosed <c>&lt;div&gt;</c> (500 KB). It must be
/// read or rejected at once, and never hold the ingest gate that every other file waits for.
/// </summary>
public sealed class HtmlNestingTests
{
    private static string UnclosedDivs(int count)
    {
        var html = new StringBuilder("<!doctype html><html><head><title>Deep</title></head><body>");
        html.Append("<p>The port authority said on Tuesday that the new terminal would open next spring, after two years of works.</p>");
        for (var i = 0; i < count; i++)
        {
            html.Append("<div>");
        }

        return html.Append("<p>Officials expect the terminal to double the number of passengers crossing the strait.</p></body></html>").ToString();
    }

    [Theory]
    [InlineData("<div>")]
    [InlineData("<span>")]
    [InlineData("<b>")]
    [InlineData("<table>")]
    public void Load_HundredThousandUnclosedElements_AnswersInSecondsNotMinutes(string tag)
    {
        // Arrange
        var html = UnclosedDivs(0).Replace("<body>", "<body>" + string.Concat(Enumerable.Repeat(tag, 100_000)), StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(html);
        var loader = ArticleLoaderFactory.Create();
        loader.Load("warm-up.html", Encoding.UTF8.GetBytes(UnclosedDivs(10)));

        // Act
        var started = Stopwatch.GetTimestamp();
        var results = loader.Load("deep.html", bytes);
        var elapsed = Stopwatch.GetElapsedTime(started);

        // Assert: an answer (read or rejected with a reason). Unbounded nesting took 335 s here and bounded takes about
        // 0.2 s on an idle core; the limit sits far from both so that a loaded machine cannot fail it and the old
        // behaviour cannot pass it (the speed itself is a benchmark's business, docs/BENCHMARKS.md).
        var result = Assert.Single(results);
        if (result is ArticleReadResult.Rejected rejected)
        {
            Assert.StartsWith("deep.html ", rejected.Reason, StringComparison.Ordinal);
        }

        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"reading {bytes.Length} bytes of nested {tag} took {elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void Load_DeeplyNestedPageWithText_KeepsTheText()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes(UnclosedDivs(100_000));

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(ArticleLoaderFactory.Create().Load("deep.html", bytes));

        // Assert
        Assert.Equal("Deep", article.Title);
        Assert.Contains(article.Paragraphs, p => p.Contains("double the number of passengers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScanOnceAsync_DeepPageBeforeAnotherPage_BothAreHandledInOneQuickScan()
    {
        // Arrange
        using var host = HostileHost.Create();
        host.WriteSeed("001_deep.html", UnclosedDivs(100_000));
        host.WriteSeed("002_page.txt", HostileHost.Article("Tangier opens a new ferry terminal"));
        var scanner = host.Get<SeedFolderService>();

        // Act
        var started = Stopwatch.GetTimestamp();
        var handled = await scanner.ScanOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        var elapsed = Stopwatch.GetElapsedTime(started);

        // Assert
        Assert.Equal(2, handled);
        Assert.Contains("Tangier opens a new ferry terminal", await host.QueuedTitlesAsync());
        // Far from both the unbounded 335 s and the bounded fraction of a second, whatever the machine's load.
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"the scan took {elapsed.TotalSeconds:0.0} s");
    }
}
