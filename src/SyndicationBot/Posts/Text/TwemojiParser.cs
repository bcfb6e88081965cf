using System.Text.RegularExpressions;

namespace SyndicationBot.Posts.Text;

// twemoji-parser's parse(): the emoji X counts as one character each, found with the reference's own
// regular expression (a whole-text scan, as the reference does, so positions match it exactly).
internal static partial class TwemojiParser
{
    public static List<UrlSpan> Parse(string text)
    {
        var found = new List<UrlSpan>();
        if (!MayContainEmoji(text))
        {
            return found;
        }

        var match = EmojiRegex().Match(text);
        while (match.Success)
        {
            found.Add(new UrlSpan(match.Index, match.Length, HasProtocol: false));
            match = match.NextMatch();
        }

        return found;
    }

    // Every twemoji pattern holds a character from U+203C up: the ASCII and Latin-1 starts ('#', '*', digits, '©',
    // '®') only form an emoji with U+20E3 or U+FE0F after them. Prose and most numbers thus skip the pattern.
    private static bool MayContainEmoji(string text) => text.AsSpan().IndexOfAnyInRange('\u203C', '\uFFFF') >= 0;

    [GeneratedRegex(TwitterTextPatterns.Emoji, RegexOptions.CultureInvariant)]
    private static partial Regex EmojiRegex();
}
