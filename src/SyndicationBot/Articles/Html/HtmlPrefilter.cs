namespace SyndicationBot.Articles.Html;

/// <summary>
/// A byte-level pass over a large HTML page, before decoding and parsing: drops the contents of
/// <c>script</c>, <c>style</c>, <c>svg</c> and <c>template</c> elements and comments, and keeps at most a
/// bounded number of the remaining bytes.
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
    private static readonly byte[][] Heavy = ["script"u8.ToArray(), "style"u8.ToArray(), "svg"u8.ToArray(), "template"u8.ToArray()];

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
