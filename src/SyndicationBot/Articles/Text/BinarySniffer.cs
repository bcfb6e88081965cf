using System.Buffers;

namespace SyndicationBot.Articles.Text;

/// <summary>Tells binary files (images, archives, PDFs, executables) from text before decoding them.</summary>
internal static class BinarySniffer
{
    private const int Window = 4096;

    private static readonly SearchValues<char> AsciiControls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    /// <summary>Names the binary format of <paramref name="bytes"/>, or null when they may be text.</summary>
    public static string? Describe(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]))
        {
            return "a PNG image";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "a JPEG image";
        }

        if (bytes.StartsWith("GIF8"u8))
        {
            return "a GIF image";
        }

        if (bytes.StartsWith("%PDF"u8))
        {
            return "a PDF document";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
        {
            return "a ZIP archive or office document";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return "gzip-compressed data";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]))
        {
            return "an executable";
        }

        // UTF-16 legitimately contains NUL bytes; everything else with NULs is binary.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return null;
        }

        return bytes[..Math.Min(bytes.Length, Window)].Contains((byte)0) ? "it contains NUL bytes" : null;
    }

    /// <summary>True when decoded text is mostly control characters, as binary decoded by a single-byte code page is.</summary>
    public static bool HasControlNoise(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, Window));

        // Text pages have none at all: two vectorised searches settle them without a loop per character.
        if (sample.IndexOfAny(AsciiControls) < 0 && sample.IndexOfAnyInRange('\u0080', '\u009F') < 0)
        {
            return false;
        }

        var controls = 0;
        foreach (var c in sample)
        {
            if (c < 0x20 && c is not ('\n' or '\r' or '\t' or '\f') || c is >= '\u0080' and <= '\u009F')
            {
                controls++;
            }
        }

        return controls * 20 > sample.Length;
    }
}
