using System.Buffers;
using System.Text;
using System.Text.Unicode;
using UtfUnknown;

namespace SyndicationBot.Articles.Text;

/// <summary>
/// Turns raw bytes into text: BOMs first, then strict UTF-8 (fast and unambiguous), then a charset
/// declared in the document, then UTF.Unknown's detection for legacy single-byte pages.
/// </summary>
internal static class TextDecoder
{
    private const int DeclarationWindow = 1024;
    private const int DetectionSample = 64 * 1024;
    private const int StackDecodeLimit = 1024;

    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The first <paramref name="maxBytes"/> of a single-byte or UTF-8 input, cut at a line break so no character
    /// or line is split. UTF-16 is returned whole (its pages are rare and small).
    /// </summary>
    public static ReadOnlySpan<byte> Prefix(ReadOnlySpan<byte> bytes, int maxBytes)
    {
        if (bytes.Length <= maxBytes || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return bytes;
        }

        var cut = bytes[..maxBytes].LastIndexOf((byte)'\n');
        if (cut < maxBytes / 2)
        {
            // No line break near the end: back off to the start of a UTF-8 sequence instead.
            cut = maxBytes;
            while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
            {
                cut--;
            }
        }

        return bytes[..cut];
    }

    /// <summary>Decodes <paramref name="bytes"/>; returns false with a reason when no encoding fits without loss.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string encodingName, out string? failure)
    {
        failure = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encodingName = "utf-8";
            return TryStrict(new UTF8Encoding(false, true), bytes[3..], out text, out failure);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var bigEndian = bytes[0] == 0xFE;
            encodingName = bigEndian ? "utf-16BE" : "utf-16LE";
            return TryStrict(new UnicodeEncoding(bigEndian, false, true), bytes[2..], out text, out failure);
        }

        if (TryDecodeStrictUtf8(bytes, out var utf8))
        {
            encodingName = "utf-8";
            text = RepairDoubleEncoding(utf8, ref encodingName);
            return true;
        }

        var encoding = DeclaredEncoding(bytes) ?? Detect(bytes);
        if (encoding is null)
        {
            encodingName = "unknown";
            text = "";
            failure = "is not valid UTF-8 and no legacy character set could be detected";
            return false;
        }

        encoding = Refine(encoding, bytes);
        encodingName = encoding.WebName;
        var strict = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        return TryStrict(strict, bytes, out text, out failure);
    }

    // Validates and transcodes in one pass (checking first, then decoding, reads every page twice); any invalid or
    // truncated sequence fails it, exactly as Utf8.IsValid does.
    private static bool TryDecodeStrictUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        char[]? rented = null;
        var buffer = bytes.Length <= StackDecodeLimit ? stackalloc char[StackDecodeLimit] : (rented = ArrayPool<char>.Shared.Rent(bytes.Length));
        var status = Utf8.ToUtf16(bytes, buffer, out _, out var written, replaceInvalidSequences: false);
        text = status == OperationStatus.Done ? new string(buffer[..written]) : "";
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return status == OperationStatus.Done;
    }

    /// <summary>
    /// Undoes the classic scraper bug: UTF-8 bytes decoded as Windows-1252 and saved again as UTF-8, which turns
    /// "é" into "Ã©" and "’" into "â€™". Applied only when such pairs appear and the reversal is lossless.
    /// </summary>
    internal static string RepairDoubleEncoding(string text, ref string encodingName)
    {
        var span = text.AsSpan();
        if (span.IndexOfAny('Ã', 'â', 'Ø') < 0 && span.IndexOfAny('Ù', 'Â') < 0)
        {
            return text;
        }

        var markers = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] is 'Ã' or 'Â' or 'Ø' or 'Ù' or 'â' && IsCp1252HighHalf(text[i + 1]))
            {
                markers++;
            }
        }

        if (markers < 2)
        {
            return text;
        }

        try
        {
            var cp1252 = Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            var repaired = new UTF8Encoding(false, true).GetString(cp1252.GetBytes(text));
            encodingName = "utf-8 (double-encoded, repaired)";
            return repaired;
        }
        catch (EncoderFallbackException)
        {
            return text;
        }
        catch (DecoderFallbackException)
        {
            return text;
        }
    }

    // The second character of a mis-decoded UTF-8 sequence: a continuation byte (0x80-0xBF) as Windows-1252 shows it.
    private static bool IsCp1252HighHalf(char c) =>
        c is (>= '\u00A0' and <= '\u00BF') or '€' or '‚' or 'ƒ' or '„' or '…' or '†' or '‡' or 'ˆ' or '‰' or 'Š' or '‹' or 'Œ' or 'Ž'
            or '‘' or '’' or '“' or '”' or '•' or '–' or '—' or '˜' or '™' or 'š' or '›' or 'œ' or 'ž' or 'Ÿ';

    private static bool TryStrict(Encoding encoding, ReadOnlySpan<byte> bytes, out string text, out string? failure)
    {
        try
        {
            text = encoding.GetString(bytes);
            failure = null;
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            text = "";
            failure = $"is not valid {encoding.WebName} (byte offset {ex.Index})";
            return false;
        }
    }

    private static Encoding? Detect(ReadOnlySpan<byte> bytes)
    {
        // A sample is enough to tell a code page, and detection over megabytes costs seconds.
        var result = CharsetDetector.DetectFromBytes(bytes[..Math.Min(bytes.Length, DetectionSample)]);
        var detected = result.Detected;
        if (detected?.Encoding is null || detected.Confidence < 0.2f)
        {
            return null;
        }

        // A UTF-8 guess is wrong here (strict UTF-8 already failed) and a multi-byte guess on text
        // that is mostly ASCII is the detector's usual false positive for single-byte pages.
        return detected.Encoding.CodePage == Encoding.UTF8.CodePage ? Encoding.GetEncoding(1252) : detected.Encoding;
    }

    /// <summary>
    /// Applies what browsers do (WHATWG Encoding): ISO-8859-1 and US-ASCII labels mean Windows-1252; and picks
    /// ISO-8859-15 when Windows-1252 would turn its œ/Œ/€/Ÿ bytes into ½ ¼ ¤ ¾ between letters.
    /// </summary>
    private static Encoding Refine(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        var codePage = encoding.CodePage;
        if (codePage is 28591 or 20127)
        {
            codePage = 1252;
        }

        if (codePage is 1252 or 28605 && LooksLikeLatin9(bytes))
        {
            return Encoding.GetEncoding(28605);
        }

        return codePage == encoding.CodePage ? encoding : Encoding.GetEncoding(codePage);
    }

    private static bool LooksLikeLatin9(ReadOnlySpan<byte> bytes)
    {
        var latin9 = 0;
        var cp1252Only = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b is >= 0x80 and <= 0x9F)
            {
                cp1252Only++;
            }
            else if (b is 0xA4 or 0xBC or 0xBD or 0xBE or 0xA6 or 0xA8 or 0xB4 or 0xB8)
            {
                var before = i > 0 && IsAsciiLetterOrSpace(bytes[i - 1]);
                var after = i + 1 < bytes.Length && IsAsciiLetterOrSpace(bytes[i + 1]);
                if (before && after)
                {
                    latin9++;
                }
            }
        }

        return latin9 > 0 && cp1252Only == 0;
    }

    private static bool IsAsciiLetterOrSpace(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)' ';

    private static Encoding? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var window = bytes[..Math.Min(bytes.Length, DeclarationWindow)];
        var head = Encoding.Latin1.GetString(window);
        var label = FindLabel(head, "charset=") ?? FindLabel(head, "encoding=");
        if (label is null)
        {
            return null;
        }

        try
        {
            var encoding = Encoding.GetEncoding(label);
            return encoding.CodePage is 65001 or 1200 or 1201 ? null : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? FindLabel(string head, string marker)
    {
        var at = head.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var start = at + marker.Length;
        while (start < head.Length && head[start] is '"' or '\'' or ' ')
        {
            start++;
        }

        var end = start;
        while (end < head.Length && (char.IsAsciiLetterOrDigit(head[end]) || head[end] is '-' or '_' or ':' or '.'))
        {
            end++;
        }

        return end > start ? head[start..end] : null;
    }
}
