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
