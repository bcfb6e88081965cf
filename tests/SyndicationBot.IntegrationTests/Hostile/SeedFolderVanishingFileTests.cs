using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Articles.Text;
using SyndicationBot.Hosting;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>A file that disappears between the folder listing and its reading (an editor's swap, a mover) must not stop the scan.</summary>
public sealed class SeedFolderVanishingFileTests
{
    [Fact]
    public async Task ScanOnceAsync_FileDeletedAfterTheListing_TheScanGoesOnAndThePageAfterItIsQueued()
    {
        // Arrange: reading the first page deletes the second one, after the scan listed the folder.
        string? doomed = null;
        using var host = HostileHost.Create(configure: services => services.AddSingleton<IArticleLoader>(sp =>
            new DeletingLoader(new ArticleLoader(sp.GetRequiredService<IOptions<SourcesOptions>>(), sp.GetRequiredService<LanguageIdentifier>()), () => doomed)));
        host.WriteSeed("001_first.txt", HostileHost.Article("Tangier opens a new ferry terminal"));
        doomed = host.WriteSeed("002_vanishing.txt", HostileHost.Article("A page that is moved away"));
        host.WriteSeed("003_third.txt", HostileHost.Article("Rabat hosts a water security conference"));
        var scanner = host.Get<SeedFolderService>();

        // Act
        var handled = await scanner.ScanOnceAsync(CancellationToken.None);

        // Assert
        Assert.Equal(["Rabat hosts a water security conference", "Tangier opens a new ferry terminal"], await host.QueuedTitlesAsync());
        Assert.Equal(2, handled);
    }

    private sealed class DeletingLoader(IArticleLoader inner, Func<string?> doomed) : IArticleLoader
    {
        public IReadOnlyList<ArticleReadResult> Load(string source, ReadOnlySpan<byte> content)
        {
            if (doomed() is { } path && File.Exists(path) && !source.EndsWith(Path.GetFileName(path), StringComparison.Ordinal))
            {
                File.Delete(path);
            }

            return inner.Load(source, content);
        }
    }
}
