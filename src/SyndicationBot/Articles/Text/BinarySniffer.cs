namespace SyndicationBot.Articles.Text;

/// <summary>Tells binary files (images, archives, PDFs, executables) from text before decoding them.</summary>
internal static class BinarySniffer
{
    private const int Window = 4096;

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
