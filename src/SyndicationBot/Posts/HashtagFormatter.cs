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
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string tag in tags)
        {
            if (result.Count >= max)
            {
                break;
            }

            string? hashtag = ToHashtag(tag);
            if (hashtag is not null && seen.Add(hashtag))
            {
                result.Add(hashtag);
            }
        }

        return result;
    }

    public static string? ToHashtag(string tag)
    {
        var builder = new StringBuilder("#", tag.Length + 1);
        bool newWord = false;
        bool hasLetter = false;
        foreach (char c in tag.TrimStart('#', '＃'))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            bool word = char.IsLetterOrDigit(c) || c == '_' || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
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
