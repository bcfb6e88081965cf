using System.Security.Cryptography;
using System.Text;
using SyndicationBot.Articles;
using SyndicationBot.Posts;

namespace SyndicationBot.Tests.Support;

/// <summary>Small articles and drafts for ledger and dispatcher tests.</summary>
internal static class TestArticles
{
    public static Article Create(string title, string? url = null, params string[] paragraphs)
    {
        IReadOnlyList<string> body = paragraphs.Length > 0 ? paragraphs : [$"{title} — the first paragraph of the story, with enough words to read as a sentence."];
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title + "\n" + string.Join("\n", body))));
        return new Article(
            Source: "test/" + title,
            Title: title,
            Paragraphs: body,
            Language: "en",
            Url: url is null ? null : new Uri(url),
            PublishedAt: null,
            Author: null,
            ImageUrl: null,
            Tags: [],
            ContentHash: hash);
    }

    public static PostDraft Draft(string channel, string text = "Hello world") =>
        new(channel, text, text.Length, 500) { Title = "Title", Language = "en" };
}
