using SyndicationBot.Hosting;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>Links in the seeds folder that lead out of it: a private file elsewhere must never be posted.</summary>
public sealed class SeedFolderSymlinkTests
{
    [Fact]
    public async Task ScanOnceAsync_SymlinkToAFileOutsideTheFolder_IsNotPostedAndIsReported()
    {
        // Arrange
        using var outside = new TempFolder();
        using var host = HostileHost.Create();
        var secret = outside.Combine("private-notes.txt");
        await File.WriteAllTextAsync(secret, HostileHost.Article("Private board minutes of the port authority"));
        File.CreateSymbolicLink(Path.Combine(host.Seeds, "001_notes.txt"), secret);
        host.WriteSeed("002_page.txt", HostileHost.Article("Tangier opens a new ferry terminal"));
        var scanner = host.Get<SeedFolderService>();

        // Act: a scan, and the rescans after the settle time.
        for (var scan = 0; scan < 3; scan++)
        {
            await scanner.ScanOnceAsync(CancellationToken.None);
            host.Time.Advance(TimeSpan.FromSeconds(2));
        }

        // Assert
        Assert.Equal(["Tangier opens a new ferry terminal"], await host.QueuedTitlesAsync());
        var warning = Assert.Single(host.Warnings("001_notes.txt"));
        Assert.Contains("outside the seeds folder", warning, StringComparison.Ordinal);
        Assert.Contains("Sources:FollowSymlinksOutside", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanOnceAsync_SymlinkedFolderLeadingOutside_ItsFilesAreNotPosted()
    {
        // Arrange
        using var outside = new TempFolder();
        using var host = HostileHost.Create();
        await File.WriteAllTextAsync(outside.Combine("minutes.txt"), HostileHost.Article("Private board minutes of the port authority"));
        HostileHost.StampBeforeStart(outside.Combine("minutes.txt"));
        Directory.CreateSymbolicLink(Path.Combine(host.Seeds, "elsewhere"), outside.Path);
        var scanner = host.Get<SeedFolderService>();

        // Act
        await scanner.ScanOnceAsync(CancellationToken.None);

        // Assert
        Assert.Empty(await host.QueuedTitlesAsync());
    }

    [Fact]
    public async Task ScanOnceAsync_SymlinkOutsideWithFollowSymlinksOutside_IsPosted()
    {
        // Arrange: the operator keeps pages elsewhere and links them in on purpose.
        using var outside = new TempFolder();
        using var host = HostileHost.Create(new Dictionary<string, string?> { ["Sources:FollowSymlinksOutside"] = "true" });
        var page = outside.Combine("page.txt");
        await File.WriteAllTextAsync(page, HostileHost.Article("Rabat hosts a water security conference"));
        HostileHost.StampBeforeStart(page);
        File.CreateSymbolicLink(Path.Combine(host.Seeds, "linked.txt"), page);
        var scanner = host.Get<SeedFolderService>();

        // Act
        await scanner.ScanOnceAsync(CancellationToken.None);

        // Assert
        Assert.Equal(["Rabat hosts a water security conference"], await host.QueuedTitlesAsync());
    }

    [Fact]
    public async Task ScanOnceAsync_SymlinkToAPageInsideTheFolder_IsRead()
    {
        // Arrange
        using var host = HostileHost.Create();
        Directory.CreateDirectory(Path.Combine(host.Seeds, "archive"));
        var page = host.WriteSeed(Path.Combine("archive", "page.txt"), HostileHost.Article("Casablanca tram line 5 opens"));
        File.CreateSymbolicLink(Path.Combine(host.Seeds, "today.txt"), page);
        var scanner = host.Get<SeedFolderService>();

        // Act
        await scanner.ScanOnceAsync(CancellationToken.None);

        // Assert: read (once; the link and its target are the same page) and nothing refused.
        Assert.Equal(["Casablanca tram line 5 opens"], await host.QueuedTitlesAsync());
        Assert.Empty(host.Warnings("today.txt"));
    }
}
