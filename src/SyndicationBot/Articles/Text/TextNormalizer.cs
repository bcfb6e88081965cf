using System.Globalization;
using System.Text;

namespace SyndicationBot.Articles.Text;

/// <summary>
/// Makes decoded text safe to post: NFC, no control, zero-width or bidi-override characters, runs of
/// ordinary spaces collapsed, while typography (« », ’, ᵉ, no-break and narrow no-break spaces) is kept.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Normalises a whole document, keeping line breaks (CR, CRLF and U+2028/2029 become LF).</summary>
    public static string NormalizeDocument(string text)
    {
        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        StringBuilder? builder = null;
        for (var i = 0; i < composed.Length; i++)
        {
            var c = composed[i];
            var keep = Classify(c, out var replacement);
            if (keep && replacement == c)
            {
                builder?.Append(c);
                continue;
            }

            if (builder is null)
            {
                builder = new StringBuilder(composed.Length);
                builder.Append(composed, 0, i);
            }

            if (c == '\r' && i + 1 < composed.Length && composed[i + 1] == '\n')
            {
                continue;
            }

            if (keep)
            {
                builder.Append(replacement);
            }
        }

        return builder?.ToString() ?? composed;
    }

    /// <summary>Normalises one line or paragraph: as <see cref="NormalizeDocument"/>, then whitespace collapsed to single spaces.</summary>
    public static string NormalizeInline(string text) => CollapseSpaces(NormalizeDocument(text));

    /// <summary>Collapses runs of ASCII whitespace (including line breaks) to one space and trims; no-break spaces are typography and stay.</summary>
    public static string CollapseSpaces(string text)
    {
        var span = text.AsSpan().Trim(" \t\n\r\f\v");
        var needsWork = span.Length != text.Length;
        for (var i = 0; !needsWork && i < span.Length; i++)
        {
            var c = span[i];
            needsWork = c is '\t' or '\n' or '\r' or '\f' or '\v' || (c == ' ' && i + 1 < span.Length && span[i + 1] == ' ');
        }

        if (!needsWork)
        {
            return text;
        }

        var builder = new StringBuilder(span.Length);
        var pendingSpace = false;
        foreach (var c in span)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool Classify(char c, out char replacement)
    {
        replacement = c;
        if (c < 0x20)
        {
            if (c is '\n' or '\t')
            {
                return true;
            }

            replacement = c is '\r' or '\v' or '\f' ? '\n' : c;
            return c is '\r' or '\v' or '\f';
        }

        if (c < 0x7F)
        {
            return true;
        }

        switch (c)
        {
            case '\u2028' or '\u2029' or '\u0085':
                replacement = '\n';
                return true;

            // Invisible formatting that breaks matching and rendering: zero-width space, word joiner,
            // BOM, soft hyphen, Mongolian vowel separator, LRM/RLM/ALM marks, embeddings, overrides and isolates.
            // ZWNJ/ZWJ (U+200C/U+200D) stay: Persian spelling and emoji sequences need them.
            case '\u200B' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E' or '\u200E' or '\u200F' or '\u061C':
            case >= '\u202A' and <= '\u202E':
            case >= '\u2066' and <= '\u2069':
            case '\uFFFD':
                return false;
            default:
                break;
        }

        var category = char.GetUnicodeCategory(c);
        return category switch
        {
            UnicodeCategory.Control => false,
            UnicodeCategory.PrivateUse => false,
            UnicodeCategory.OtherNotAssigned => false,
            _ => true,
        };
    }
}
