using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SyndicationBot.Articles;

namespace SyndicationBot.Queue;

/// <summary>Keys that recognise the same story arriving twice.</summary>
internal static class ArticleIdentity
{
    private const int NearPrefixLetters = 160;

    /// <summary>
    /// A key equal for near-identical copies: the headline and the start of the first paragraph, case-folded,
    /// letters and digits only, so punctuation, spacing, typography and trailing edits do not matter.
    /// </summary>
    public static string NearKey(Article article)
    {
        var builder = new StringBuilder(256);
        AppendFolded(builder, article.Title, int.MaxValue);
        builder.Append('|');
        AppendFolded(builder, article.Paragraphs.Count > 0 ? article.Paragraphs[0] : string.Empty, NearPrefixLetters);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>
    /// What makes two versions of a page the same article: its canonical URL, else its feed item's GUID (within its
    /// feed), else — when <paramref name="bySource"/>, for an input that holds one article — the file it was read
    /// from. Null when none applies (an item of a multi-article input with neither link nor GUID).
    /// </summary>
    public static string? Identity(Article article, bool bySource) => article switch
    {
        { Url: not null } => article.Key,
        { FeedGuid: { } guid } => "guid:" + article.Source + "\n" + guid,
        _ when bySource => "source:" + article.Source,
        _ => null,
    };

    /// <summary>The ledger key of a later version of an article: its key and its content, so each version is unique.</summary>
    public static string RevisionKey(Article revision) => revision.Key + "#rev:" + revision.ContentHash[..16];

    /// <summary>True for a post that belongs to a later version of its article (an update post), by its article key.</summary>
    public static bool IsRevisionKey(string articleKey) => articleKey.Contains("#rev:", StringComparison.Ordinal);

    /// <summary>A stable idempotency key for one article on one channel: the same on every retry and restart.</summary>
    public static string IdempotencyKey(string articleKey, string channel) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(articleKey + "\n" + channel)))[..32];

    private static void AppendFolded(StringBuilder builder, string text, int maxLetters)
    {
        var count = 0;
        foreach (var rune in text.Normalize(NormalizationForm.FormKD).EnumerateRunes())
        {
            if (count >= maxLetters)
            {
                break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (Rune.IsLetterOrDigit(rune))
            {
                builder.Append(Rune.ToLowerInvariant(rune).ToString());
                count++;
            }
        }
    }
}
