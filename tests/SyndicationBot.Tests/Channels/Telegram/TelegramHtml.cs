using System.Globalization;
using System.Net;
using System.Text;

namespace SyndicationBot.Tests.Channels.Telegram;

/// <summary>
/// Telegram's HTML parse mode as the Bot API documents it: only its tags, properly nested, and only
/// <c>&amp;lt; &amp;gt; &amp;amp; &amp;quot;</c> and numeric entities. Errors read like the Bot API's own.
/// </summary>
internal static class TelegramHtml
{
    private static readonly HashSet<string> Tags = new(StringComparer.Ordinal)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji",
    };

    public static (string? Error, string Visible) Parse(string html)
    {
        var visible = new StringBuilder();
        var open = new Stack<string>();
        for (var i = 0; i < html.Length; i++)
        {
            var offset = Encoding.UTF8.GetByteCount(html.AsSpan(0, i));
            switch (html[i])
            {
                case '<':
                    var end = html.IndexOf('>', i);
                    if (end < 0)
                    {
                        return ($"Can't find end of the tag starting at byte offset {offset}", string.Empty);
                    }

                    var inner = html[(i + 1)..end];
                    if (inner.StartsWith('/'))
                    {
                        var closing = inner[1..].Trim();
                        if (open.Count == 0 || open.Peek() != closing)
                        {
                            return ($"Unmatched end tag at byte offset {offset}, expected \"</{(open.Count == 0 ? string.Empty : open.Peek())}>\", found \"</{closing}>\"", string.Empty);
                        }

                        open.Pop();
                    }
                    else
                    {
                        var name = inner.Split(' ', 2)[0];
                        if (!Tags.Contains(name))
                        {
                            return ($"Unsupported start tag \"{name}\" at byte offset {offset}", string.Empty);
                        }

                        if (name == "a" && !inner.Contains("href=\"", StringComparison.Ordinal))
                        {
                            return ($"Can't find href attribute of the tag \"a\" at byte offset {offset}", string.Empty);
                        }

                        open.Push(name);
                    }

                    i = end;
                    break;
                case '&':
                    var semicolon = html.IndexOf(';', i);
                    var entity = semicolon < 0 ? html[i..] : html[i..(semicolon + 1)];
                    if (!IsAllowedEntity(entity))
                    {
                        return ($"Unsupported HTML entity \"{entity}\" at byte offset {offset}", string.Empty);
                    }

                    visible.Append(WebUtility.HtmlDecode(entity));
                    i = semicolon;
                    break;
                default:
                    visible.Append(html[i]);
                    break;
            }
        }

        return open.Count == 0
            ? (null, visible.ToString())
            : ($"Can't find end tag corresponding to start tag \"{open.Peek()}\"", string.Empty);
    }

    private static bool IsAllowedEntity(string entity) =>
        entity is "&lt;" or "&gt;" or "&amp;" or "&quot;"
        || (entity.StartsWith("&#x", StringComparison.OrdinalIgnoreCase) && entity.EndsWith(';') && int.TryParse(entity[3..^1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))
        || (entity.StartsWith("&#", StringComparison.Ordinal) && entity.EndsWith(';') && int.TryParse(entity[2..^1], NumberStyles.None, CultureInfo.InvariantCulture, out _));
}
