using System.Diagnostics;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hosting.Http;

/// <summary>
/// The status page of the running service as a real browser renders it: headless Chromium (Debian's <c>chromium</c>
/// package) dumps the DOM it built from the page.
/// </summary>
public sealed class StatusPageBrowserTests
{
    private static readonly string[] Browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    [Fact]
    public async Task StatusPage_InHeadlessChromium_ShowsChannelsQueueHistoryWithLinksAndRejectedInputs()
    {
        // Arrange: a post published earlier on Mastodon (with its link), a page rejected, and a page queued now.
        await using var service = await RunningService.StartAsync(seed: async queue =>
        {
            await queue.EnqueueAsync(TestArticles.Create("Rabat tramway extension opens"), [new(TestArticles.Draft("mastodon"), RunningService.Start.AddHours(-2))], RunningService.Start.AddHours(-3), CancellationToken.None);
            var claimed = await queue.ClaimDueAsync(RunningService.Start.AddHours(-2), "earlier", TimeSpan.FromMinutes(2), 10, CancellationToken.None);
            await queue.RecordAsync(claimed[0].Lease!, new PostOutcome.Published("110", new Uri("https://mastodon.example/@bot/110")), RunningService.Start.AddHours(-2), CancellationToken.None);
            await queue.RecordIngestAsync(new IngestRecord("f-empty", "seeds/empty.txt", IngestOutcome.Rejected, "seeds/empty.txt: the file is empty", RunningService.Start.AddHours(-1)), CancellationToken.None);
        });
        Assert.True(await service.IngestAndPublishAsync("Storm closes the port of Tangier for a second day"));
        await service.IngestSecondAsync("Ferry crossings to Algeciras resume after the gale");

        // Act
        var dom = await DumpDomAsync(new Uri(service.Client.BaseAddress!, "/"));

        // Assert
        Assert.Contains("<table id=\"channels\">", dom, StringComparison.Ordinal);
        Assert.Matches("<tr data-channel=\"outbox\"><td>outbox</td><td>yes</td><td>no</td><td>2026-11-29 ", dom);
        Assert.Matches("<table id=\"queue\">.*Ferry crossings to Algeciras resume after the gale.*</table>", dom);
        Assert.Matches("<table id=\"history\">.*<a href=\"https://mastodon.example/@bot/110\">https://mastodon.example/@bot/110</a>.*</table>", dom);
        Assert.Matches("<table id=\"history\">.*Storm closes the port of Tangier for a second day.*</table>", dom);
        Assert.Matches("<table id=\"rejected\">.*seeds/empty.txt: the file is empty.*</table>", dom);
        Assert.DoesNotContain("<form", dom, StringComparison.Ordinal);
    }

    private static async Task<string> DumpDomAsync(Uri page)
    {
        var browser = Browsers.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Headless Chromium is needed for this test: install it with 'apt-get install -y chromium' (.ci/run does).");
        using var profile = new TempFolder();
        var start = new ProcessStartInfo(browser)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // --no-sandbox: the tests run as root in CI, where Chromium's sandbox refuses to start.
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile.Path}", "--dump-dom", page.AbsoluteUri })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        var dom = await output;
        Assert.True(process.ExitCode == 0 && dom.Length > 0, $"chromium exited {process.ExitCode}: {await error}");
        return dom;
    }
}
