using System.Globalization;
using System.Text.Json;
using Xunit;

namespace SyndicationBot.Tests.Articles;

/// <summary>
/// Each page under TestData/Articles/Pages imitates one real site layout; its .expected.json says what a
/// follower must get: exactly the headline, the body paragraphs, the language and the link.
/// </summary>
public sealed class ScrapedPagesTests
{
    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ArticleLoaderFactory.TestDataPath("Pages"), "*.expected.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file)[..^".expected.json".Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Load_TestPage_ExtractsExactlyTheExpectedArticle(string name)
    {
        // Arrange
        var directory = ArticleLoaderFactory.TestDataPath("Pages");
        var page = Directory.GetFiles(directory, name + ".*").Single(f => !f.EndsWith(".expected.json", StringComparison.Ordinal));
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, name + ".expected.json")));
        var root = expected.RootElement;
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load(page, File.ReadAllBytes(page)));

        // Assert
        Assert.Equal(root.GetProperty("title").GetString(), article.Title);
        Assert.Equal(root.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()), article.Paragraphs);
        Assert.Equal(root.GetProperty("language").GetString(), article.Language);
        Assert.Equal(OptionalString(root, "url"), article.Url?.AbsoluteUri);
        Assert.Equal(OptionalString(root, "author"), article.Author);
        Assert.Equal(OptionalString(root, "publishedAt") is { } published ? DateTimeOffset.Parse(published, CultureInfo.InvariantCulture) : null, article.PublishedAt);
        if (root.TryGetProperty("imageUrl", out var image))
        {
            Assert.Equal(image.GetString(), article.ImageUrl?.AbsoluteUri);
        }

        if (root.TryGetProperty("tags", out var tags))
        {
            Assert.Equal(tags.EnumerateArray().Select(t => t.GetString()), article.Tags);
        }

        Assert.Equal(page, article.Source);
        Assert.Matches("^[0-9a-f]{64}$", article.ContentHash);
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
