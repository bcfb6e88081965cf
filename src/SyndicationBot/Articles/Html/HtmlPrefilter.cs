namespace SyndicationBot.Articles.Html;

/// <summary>
/// Passes over HTML before it is parsed. <see cref="Strip"/>, a byte-level pass over a large page before
/// decoding: drops the contents of <c>script</c>, <c>style</c>, <c>svg</c> and <c>template</c> elements and
/// comments, and keeps at most a bounded number of the remaining bytes. <see cref="BoundNesting"/>, over every
/// HTML text before it is parsed: keeps elements from nesting deeper than <see cref="MaxDepth"/>.
/// </summary>
/// <remarks>
/// Why it exists: multi-megabyte pages are mostly inlined scripts, JSON state, CSS and SVG icons, none of
/// which is article text, yet decoding and parsing them costs seconds and around a hundred megabytes.
/// Dropping them first keeps the article (often placed after a huge head) inside the bounded prefix the
/// parser is given. Tag names are ASCII, so the scan is valid for UTF-8 and every single-byte charset;
/// UTF-16 pages are left alone by the caller. Hand-written because an HTML parser is exactly the cost
/// being avoided.
/// </remarks>
internal static class HtmlPrefilter
{
    /// <summary>
    /// Deeper than any real page (their trees are a few dozen levels deep). The HTML parser looks through the
    /// stack of open elements for most tags, so a page of 100,000 unclosed <c>&lt;div&gt;</c> costs it 10^10 steps
    /// (a minute); with the stack bounded, the same page parses in milliseconds.
    /// </summary>
    public const int MaxDepth = 256;

    private static readonly byte[][] Heavy = ["script"u8.ToArray(), "style"u8.ToArray(), "svg"u8.ToArray(), "template"u8.ToArray()];

    // Elements that never stay open (void), or that the parser closes itself when the next one starts: they never
    // deepen the tree, so they are not counted.
    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen", "link",
        "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "rb", "rt", "rtc", "rp",
        "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
    };

    // Elements whose content is text, not markup, up to their own end tag.
    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    };

    /// <summary>
    /// <paramref name="html"/> with the start tags (and their end tags) that would nest elements deeper than
    /// <see cref="MaxDepth"/> left out; their text is kept. Returns the same string when nothing is that deep.
    /// </summary>
    /// <remarks>
    /// A tag-level scan, not a parser: it counts open elements the way the parser's stack grows (void elements and
    /// elements with optional end tags do not count, <c>/&gt;</c> closes only inside <c>svg</c> and <c>math</c>), skips
    /// comments and raw-text content, and is linear in the input. Where its count differs from the parser's, it
    /// only errs on a page already deeper than any real one, and then flattens structure, never drops text.
    /// </remarks>
    public static string BoundNesting(string html, int maxDepth = MaxDepth) => BoundNesting(html, maxDepth, out _);

    /// <summary><see cref="BoundNesting(string, int)"/>, also telling how deep the page nests (before the bound).</summary>
    public static string BoundNesting(string html, int maxDepth, out int deepest)
    {
        ArgumentNullException.ThrowIfNull(html);
        deepest = 0;
        System.Text.StringBuilder? output = null;
        Dictionary<string, int>? dropped = null;
        var depth = 0;
        var foreign = 0;
        var copiedUpTo = 0;
        var position = 0;
        while ((position = html.IndexOf('<', position)) >= 0)
        {
            var tagStart = position;
            if (position + 1 >= html.Length)
            {
                break;
            }

            var next = html[position + 1];
            if (next == '!' || next == '?')
            {
                var close = html.AsSpan(position).StartsWith("<!--") ? html.IndexOf("-->", position + 4, StringComparison.Ordinal) : html.IndexOf('>', position);
                position = close < 0 ? html.Length : close + 1;
                continue;
            }

            var isEnd = next == '/';
            var nameStart = position + (isEnd ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':' or '_'))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                // "<" followed by anything else is text.
                position++;
                continue;
            }

            var tagEnd = TagEnd(html, nameEnd);
            var name = html[nameStart..nameEnd];
            var selfClosing = tagEnd > 1 && html[tagEnd - 2] == '/';
            position = tagEnd;
            var isForeignRoot = name.Equals("svg", StringComparison.OrdinalIgnoreCase) || name.Equals("math", StringComparison.OrdinalIgnoreCase);
            if (!isEnd && RawText.Contains(name) && foreign == 0)
            {
                var endTag = html.IndexOf("</" + name, position, StringComparison.OrdinalIgnoreCase);
                position = endTag < 0 ? html.Length : endTag;
                continue;
            }

            if (NotNesting.Contains(name) || (!isEnd && selfClosing && foreign > 0))
            {
                continue;
            }

            bool keep;
            if (isEnd)
            {
                if (dropped is not null && dropped.TryGetValue(name, out var count) && count > 0)
                {
                    dropped[name] = count - 1;
                    keep = false;
                }
                else
                {
                    depth = Math.Max(0, depth - 1);
                    foreign = isForeignRoot ? Math.Max(0, foreign - 1) : foreign;
                    keep = true;
                }
            }
            else if (depth >= maxDepth)
            {
                deepest = Math.Max(deepest, depth + 1);
                dropped ??= new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                dropped[name] = dropped.GetValueOrDefault(name) + 1;
                keep = false;
            }
            else
            {
                depth++;
                deepest = Math.Max(deepest, depth);
                foreign += isForeignRoot ? 1 : 0;
                keep = true;
            }

            if (!keep)
            {
                output ??= new System.Text.StringBuilder(html.Length);
                output.Append(html, copiedUpTo, tagStart - copiedUpTo);
                copiedUpTo = tagEnd;
            }
        }

        if (output is null)
        {
            return html;
        }

        output.Append(html, copiedUpTo, html.Length - copiedUpTo);
        return output.ToString();
    }

    // Index after the tag's closing ">", minding quoted attribute values; the end of the text when unclosed.
    private static int TagEnd(string html, int from)
    {
        var quote = '\0';
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return html.Length;
    }

    /// <summary>The page without heavy elements, cut to at most <paramref name="maxBytes"/> at a tag or line boundary.</summary>
    public static byte[] Strip(ReadOnlySpan<byte> html, int maxBytes)
    {
        var output = new byte[Math.Min(html.Length, maxBytes)];
        var written = 0;
        var position = 0;
        while (position < html.Length && written < output.Length)
        {
            var open = html[position..].IndexOf((byte)'<');
            var textEnd = open < 0 ? html.Length : position + open;
            if (!Copy(html[position..textEnd], output, ref written))
            {
                break;
            }

            if (open < 0)
            {
                position = html.Length;
                break;
            }

            position = textEnd;
            var rest = html[position..];
            if (rest.StartsWith("<!--"u8))
            {
                var close = rest[4..].IndexOf("-->"u8);
                position = close < 0 ? html.Length : position + 4 + close + 3;
                continue;
            }

            if (HeavyElement(rest) is { } name)
            {
                position = SkipElement(html, position, name);
                continue;
            }

            // An ordinary tag: copy it whole so the cut never falls inside one.
            var tagEnd = rest.IndexOf((byte)'>');
            var tag = tagEnd < 0 ? rest : rest[..(tagEnd + 1)];
            if (!Copy(tag, output, ref written))
            {
                break;
            }

            position += tag.Length;
        }

        return written == output.Length ? output : output[..written];
    }

    // Copies all of the span, or as much as fits cut at the last line break or tag end (else at a UTF-8 character start); false when full.
    private static bool Copy(ReadOnlySpan<byte> span, byte[] output, ref int written)
    {
        var room = output.Length - written;
        if (span.Length <= room)
        {
            span.CopyTo(output.AsSpan(written));
            written += span.Length;
            return true;
        }

        var part = span[..room];
        var cut = part.LastIndexOfAny((byte)'\n', (byte)'>') + 1;

        // Text cut mid-sentence would read as a real paragraph; stop at the previous tag instead when there is one.
        if (cut <= 0 && written > output.Length / 2)
        {
            return false;
        }

        if (cut <= 0)
        {
            cut = room;
            while (cut > 0 && (span[cut] & 0xC0) == 0x80)
            {
                cut--;
            }
        }

        span[..cut].CopyTo(output.AsSpan(written));
        written += cut;
        return false;
    }

    private static byte[]? HeavyElement(ReadOnlySpan<byte> rest)
    {
        foreach (var name in Heavy)
        {
            if (rest.Length > name.Length + 1 && NameAt(rest, 1, name) && rest[name.Length + 1] is (byte)'>' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'/')
            {
                return name;
            }
        }

        return null;
    }

    // Position after the element's closing tag; the whole rest when it is never closed (a browser does the same).
    private static int SkipElement(ReadOnlySpan<byte> html, int position, byte[] name)
    {
        var search = position + name.Length + 1;
        while (search < html.Length)
        {
            var close = html[search..].IndexOf("</"u8);
            if (close < 0)
            {
                return html.Length;
            }

            search += close + 2;
            if (NameAt(html, search, name))
            {
                var end = html[search..].IndexOf((byte)'>');
                return end < 0 ? html.Length : search + end + 1;
            }
        }

        return html.Length;
    }

    private static bool NameAt(ReadOnlySpan<byte> span, int at, ReadOnlySpan<byte> lowerName)
    {
        if (span.Length - at < lowerName.Length)
        {
            return false;
        }

        for (var i = 0; i < lowerName.Length; i++)
        {
            if ((span[at + i] | 0x20) != lowerName[i])
            {
                return false;
            }
        }

        return true;
    }
}
