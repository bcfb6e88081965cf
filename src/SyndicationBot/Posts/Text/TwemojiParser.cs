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

    // Every twemoji pattern starts with a digit, '#', '*', '©', '®' or a character from U+203C up.
    private static bool MayContainEmoji(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u203C', '\uFFFF') >= 0 || text.AsSpan().IndexOfAny(EmojiAsciiStarts) >= 0;

    private static readonly System.Buffers.SearchValues<char> EmojiAsciiStarts =
        System.Buffers.SearchValues.Create("0123456789#*\u00A9\u00AE");

    [GeneratedRegex(TwitterTextPatterns.Emoji, RegexOptions.CultureInvariant)]
    private static partial Regex EmojiRegex();
}
