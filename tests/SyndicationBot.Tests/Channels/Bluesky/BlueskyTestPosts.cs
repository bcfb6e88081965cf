using System.Text;
using System.Text.Json.Nodes;
using SyndicationBot.Channels;
using SyndicationBot.Posts;

namespace SyndicationBot.Tests.Channels.Bluesky;

/// <summary>Drafts and posts for the Bluesky tests, shared by the contract-server tests and the reference-PDS tests.</summary>
internal static class BlueskyTestPosts
{
    internal static PostDraft Draft(string text, string language, Uri? thumb = null)
    {
        List<TextFacet> facets = [];
        foreach (var word in text.Split(' '))
        {
            var at = text.IndexOf(word, StringComparison.Ordinal);
            var start = Encoding.UTF8.GetByteCount(text[..at]);
            var end = start + Encoding.UTF8.GetByteCount(word);
            if (word.StartsWith("https://", StringComparison.Ordinal))
            {
                facets.Add(new TextFacet("link", start, end, word));
            }
            else if (word.StartsWith('#'))
            {
                facets.Add(new TextFacet("tag", start, end, word[1..]));
            }
        }

        var link = facets.Where(f => f.Type == "link").Select(f => new Uri(f.Value)).FirstOrDefault();
        return new PostDraft("bluesky", text, text.Length, 300)
        {
            Language = language,
            Link = link,
            Title = "Élection à Paris",
            Facets = facets,
            Embed = link is null ? null : new LinkCard(link, "Élection à Paris", "Les résultats du second tour.", thumb),
        };
    }

    internal static PostDraft Thread(string root, params string[] replies) =>
        Draft(root, "en") with { ThreadReplies = [.. replies.Select(r => Draft(r, "en") with { Embed = null, Link = null })] };

    internal static OutgoingPost Post(string key, PostDraft draft) => new(key.Length, key, 1, draft);

    /// <summary>The facet's span cut from the stored text's UTF-8 bytes, as every Bluesky client cuts it.</summary>
    internal static string Slice(string storedText, JsonNode facet)
    {
        var bytes = Encoding.UTF8.GetBytes(storedText);
        var start = facet["index"]!["byteStart"]!.GetValue<int>();
        var end = facet["index"]!["byteEnd"]!.GetValue<int>();
        return Encoding.UTF8.GetString(bytes, start, end - start);
    }
}
