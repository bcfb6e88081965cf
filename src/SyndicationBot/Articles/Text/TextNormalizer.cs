using System.Buffers;
using System.Globalization;
using System.Text;

namespace SyndicationBot.Articles.Text;

/// <summary>
/// Makes decoded text safe to post: NFC, no control, zero-width or bidi-override characters, runs of
/// ordinary spaces collapsed, while typography (« », ’, ᵉ, no-break and narrow no-break spaces) is kept.
/// </summary>
internal static class TextNormalizer
{
    // Per-character facts, computed once per process on first sight of each character (as CharFolding does):
    // the document pass asks them of every character of every page, and the answers never change.
    private const byte Known = 1;
    private const byte KeptAsIs = 2;
    private const byte NfcInert = 4;

    private static readonly byte[] Facts = new byte[char.MaxValue + 1];

    // Characters the document pass keeps as they are and NFC never touches: printable ASCII, tab and line feed.
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(
        "\t\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly SearchValues<char> Breaks = SearchValues.Create("\t\n\r\f\v");

    /// <summary>Normalises a whole document, keeping line breaks (CR, CRLF and U+2028/2029 become LF).</summary>
    public static string NormalizeDocument(string text)
    {
        // ICU's check costs more than the rest of the pass; text whose every character is NFC-inert is NFC
        // already, so ICU is asked only about text holding a combining mark or a decomposable character.
        // The same pass over the characters finds the first one to drop or replace: usually there is none.
        var i = ScanInert(text, out var inert);
        var composed = text;
        if (!inert)
        {
            composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
            i = NextToClean(composed, 0);
        }

        if (i < 0)
        {
            return composed;
        }

        var builder = new StringBuilder(composed.Length);
        builder.Append(composed, 0, i);
        while (i < composed.Length)
        {
            var c = composed[i++];
            if (c == '\r' && i < composed.Length && composed[i] == '\n')
            {
                continue;
            }

            if (Classify(c, out var replacement))
            {
                builder.Append(replacement);
            }

            var next = NextToClean(composed, i);
            var end = next < 0 ? composed.Length : next;
            builder.Append(composed, i, end - i);
            i = end;
        }

        return builder.ToString();
    }

    /// <summary>Normalises one line or paragraph: as <see cref="NormalizeDocument"/>, then whitespace collapsed to single spaces.</summary>
    public static string NormalizeInline(string text) => CollapseSpaces(NormalizeDocument(text));

    /// <summary>Collapses runs of ASCII whitespace (including line breaks) to one space and trims; no-break spaces are typography and stay.</summary>
    public static string CollapseSpaces(string text)
    {
        var span = text.AsSpan();
        return NeedsCollapse(span) ? Collapse(span) : text;
    }

    /// <summary>As <see cref="CollapseSpaces(string)"/>, for a slice of a larger text (a line of a page).</summary>
    public static string CollapseSpaces(ReadOnlySpan<char> text) => NeedsCollapse(text) ? Collapse(text) : new string(text);

    /// <summary>
    /// True when every character of <paramref name="text"/> is NFC-inert: not a combining mark, not a character
    /// that composes with the one before it, and unchanged by NFC on its own. Such text is NFC; false means "ask ICU".
    /// </summary>
    internal static bool IsNfcByTable(ReadOnlySpan<char> text)
    {
        _ = ScanInert(text, out var inert);
        return inert;
    }

    /// <summary>Whether <paramref name="c"/> is NFC-inert (see <see cref="IsNfcByTable"/>); exposed for the tests that check the rule against Unicode data.</summary>
    internal static bool IsNfcInert(char c) => (FactsOf(c) & NfcInert) != 0;

    private static bool NeedsCollapse(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim(" \t\n\r\f\v");
        return trimmed.Length != text.Length || trimmed.IndexOfAny(Breaks) >= 0 || trimmed.IndexOf("  ", StringComparison.Ordinal) >= 0;
    }

    private static string Collapse(ReadOnlySpan<char> text)
    {
        var span = text.Trim(" \t\n\r\f\v");
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

    // One pass that tells whether every character is NFC-inert and, when they all are, returns the index of the
    // first one the document pass drops or replaces (-1 for none). Plain ASCII runs are skipped vectorised.
    private static int ScanInert(ReadOnlySpan<char> text, out bool inert)
    {
        inert = true;
        var firstToClean = -1;
        var i = text.IndexOfAnyExcept(PlainAscii);
        if (i < 0)
        {
            return -1;
        }

        for (; i < text.Length; i++)
        {
            var facts = FactsOf(text[i]);
            if ((facts & NfcInert) == 0)
            {
                inert = false;
                return -1;
            }

            if ((facts & KeptAsIs) == 0 && firstToClean < 0)
            {
                firstToClean = i;
            }
        }

        return firstToClean;
    }

    // The index of the first character at or after from that the document pass drops or replaces, or -1.
    private static int NextToClean(string text, int from)
    {
        var span = text.AsSpan();
        var i = from;
        while (i < span.Length)
        {
            var c = span[i];
            if (c is >= ' ' and <= '~')
            {
                var run = span[i..].IndexOfAnyExceptInRange(' ', '~');
                if (run < 0)
                {
                    return -1;
                }

                i += run;
                continue;
            }

            if (c is not ('\n' or '\t') && (FactsOf(c) & KeptAsIs) == 0)
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    private static byte FactsOf(char c)
    {
        var facts = Facts[c];
        return facts != 0 ? facts : Facts[c] = ComputeFacts(c);
    }

    private static byte ComputeFacts(char c)
    {
        var facts = Known;
        if (Classify(c, out var replacement) && replacement == c)
        {
            facts |= KeptAsIs;
        }

        if (ComputeNfcInert(c))
        {
            facts |= NfcInert;
        }

        return facts;
    }

    // A character can change under NFC in context only if it reorders (a mark with a combining class), composes
    // with the character before it (a mark, a Hangul vowel or final jamo; the tests check this against every
    // canonical decomposition), or changes on its own (singletons such as U+212B, checked here through ICU).
    // Characters this .NET does not know are left to ICU, whose Unicode version may be newer.
    private static bool ComputeNfcInert(char c)
    {
        if (char.IsSurrogate(c) || c is (>= '\u1161' and <= '\u1175') or (>= '\u11A8' and <= '\u11C2'))
        {
            return false;
        }

        if (char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.OtherNotAssigned)
        {
            return false;
        }

        try
        {
            return c.ToString().IsNormalized(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return false;
        }
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
