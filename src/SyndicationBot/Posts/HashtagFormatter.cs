using System.Globalization;
using System.Text;

namespace SyndicationBot.Posts;

// Turns configured tags ("sécurité nationale", "Maroc") into hashtags every network links (#SécuritéNationale,
// #Maroc): letters, digits and underscores only, words joined in camel case, at least one letter.
internal static class HashtagFormatter
{
    public static IReadOnlyList<string> Format(IReadOnlyList<string> tags, int max)
    {
        var result = new List<string>();
        foreach (string tag in tags)
        {
            if (result.Count >= max)
            {
                break;
            }

            string? hashtag = ToHashtag(tag);
            if (hashtag is not null && !Contains(result, hashtag))
            {
                result.Add(hashtag);
            }
        }

        return result;
    }

    // An article carries a handful of tags: a scan of the kept ones is cheaper than building a set on every post.
    private static bool Contains(List<string> kept, string hashtag)
    {
        foreach (string existing in kept)
        {
            if (string.Equals(existing, hashtag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static string? ToHashtag(string tag)
    {
        var builder = new StringBuilder("#", tag.Length + 1);
        bool newWord = false;
        bool hasLetter = false;
        foreach (char c in tag.TrimStart('#', '＃'))
        {
            bool word = char.IsLetterOrDigit(c) || c == '_'
                || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!word)
            {
                newWord = builder.Length > 1;
                continue;
            }

            hasLetter |= char.IsLetter(c);
            builder.Append(newWord ? char.ToUpper(c, CultureInfo.InvariantCulture) : c);
            newWord = false;
        }

        return hasLetter && builder.Length <= 65 ? builder.ToString() : null;
    }
}
