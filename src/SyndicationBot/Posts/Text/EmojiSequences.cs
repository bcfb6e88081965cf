namespace SyndicationBot.Posts.Text;

// Hand-written because .NET exposes no Extended_Pictographic property and no twemoji port exists: this
// recognises the emoji sequence shapes twemoji-parser finds (ZWJ sequences, skin-tone modifiers, keycaps,
// flags, tag flags) so that X counts each as one emoji. The table is Unicode's Extended_Pictographic set,
// checked against the .NET grapheme segmenter (rule GB11 uses the same property).
internal static class EmojiSequences
{
    private const int ZeroWidthJoiner = 0x200D;
    private const int VariationSelector16 = 0xFE0F;
    private const int VariationSelector15 = 0xFE0E;
    private const int CombiningKeycap = 0x20E3;
    private const int WavingBlackFlag = 0x1F3F4;
    private const int CancelTag = 0xE007F;

    private static readonly int[] ExtendedPictographic =
    [
        0xA9, 0xA9, 0xAE, 0xAE, 0x203C, 0x203C, 0x2049, 0x2049, 0x2122, 0x2122, 0x2139, 0x2139, 0x2194, 0x2199,
        0x21A9, 0x21AA, 0x231A, 0x231B, 0x2328, 0x2328, 0x2388, 0x2388, 0x23CF, 0x23CF, 0x23E9, 0x23F3,
        0x23F8, 0x23FA, 0x24C2, 0x24C2, 0x25AA, 0x25AB, 0x25B6, 0x25B6, 0x25C0, 0x25C0, 0x25FB, 0x25FE,
        0x2600, 0x2605, 0x2607, 0x2612, 0x2614, 0x2685, 0x2690, 0x2705, 0x2708, 0x2712, 0x2714, 0x2714,
        0x2716, 0x2716, 0x271D, 0x271D, 0x2721, 0x2721, 0x2728, 0x2728, 0x2733, 0x2734, 0x2744, 0x2744,
        0x2747, 0x2747, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2763, 0x2767,
        0x2795, 0x2797, 0x27A1, 0x27A1, 0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2934, 0x2935, 0x2B05, 0x2B07,
        0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x3030, 0x3030, 0x303D, 0x303D, 0x3297, 0x3297,
        0x3299, 0x3299, 0x1F000, 0x1F0FF, 0x1F10D, 0x1F10F, 0x1F12F, 0x1F12F, 0x1F16C, 0x1F171, 0x1F17E, 0x1F17F,
        0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F1AD, 0x1F1E5, 0x1F201, 0x1F20F, 0x1F21A, 0x1F21A, 0x1F22F, 0x1F22F,
        0x1F232, 0x1F23A, 0x1F23C, 0x1F23F, 0x1F249, 0x1F3FA, 0x1F400, 0x1F53D, 0x1F546, 0x1F64F, 0x1F680, 0x1F6FF,
        0x1F774, 0x1F77F, 0x1F7D5, 0x1F7FF, 0x1F80C, 0x1F80F, 0x1F848, 0x1F84F, 0x1F85A, 0x1F85F, 0x1F888, 0x1F88F,
        0x1F8AE, 0x1F8FF, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1FAFF, 0x1FC00, 0x1FFFD,
    ];

    public static bool IsExtendedPictographic(int codePoint)
    {
        if (codePoint < 0xA9)
        {
            return false;
        }

        int lo = 0, hi = (ExtendedPictographic.Length / 2) - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (codePoint < ExtendedPictographic[2 * mid])
            {
                hi = mid - 1;
            }
            else if (codePoint > ExtendedPictographic[(2 * mid) + 1])
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsRegionalIndicator(int codePoint) => codePoint is >= 0x1F1E6 and <= 0x1F1FF;

    public static bool IsSkinToneModifier(int codePoint) => codePoint is >= 0x1F3FB and <= 0x1F3FF;

    /// <summary>The UTF-16 length of the emoji sequence starting at <paramref name="index"/>, or 0 when none starts there.</summary>
    public static int MatchLength(ReadOnlySpan<char> text, int index)
    {
        int first = CodePointAt(text, index, out int firstLength);
        if (first < 0)
        {
            return 0;
        }

        if (first is (>= '0' and <= '9') or '#' or '*')
        {
            int i = index + 1;
            if (CodePointAt(text, i, out _) == VariationSelector16)
            {
                i++;
            }

            return CodePointAt(text, i, out _) == CombiningKeycap ? i + 1 - index : 0;
        }

        if (IsRegionalIndicator(first))
        {
            int second = CodePointAt(text, index + firstLength, out int secondLength);
            return IsRegionalIndicator(second) ? firstLength + secondLength : firstLength;
        }

        if (first == WavingBlackFlag)
        {
            int tagged = MatchTagSequence(text, index + firstLength);
            if (tagged > 0)
            {
                return firstLength + tagged;
            }
        }

        if (!IsExtendedPictographic(first) && !IsSkinToneModifier(first))
        {
            return 0;
        }

        int end = MatchElementTail(text, index + firstLength);
        if (end < 0)
        {
            // A text-presentation selector asks for the glyph, not the emoji: count it character by character.
            return 0;
        }

        while (CodePointAt(text, end, out _) == ZeroWidthJoiner)
        {
            int next = CodePointAt(text, end + 1, out int nextLength);
            if (next < 0 || !(IsExtendedPictographic(next) || IsSkinToneModifier(next)))
            {
                break;
            }

            int tail = MatchElementTail(text, end + 1 + nextLength);
            if (tail < 0)
            {
                break;
            }

            end = tail;
        }

        return end - index;
    }

    private static int MatchElementTail(ReadOnlySpan<char> text, int i)
    {
        int cp = CodePointAt(text, i, out int length);
        if (cp == VariationSelector15)
        {
            return -1;
        }

        if (cp == VariationSelector16)
        {
            i += length;
            cp = CodePointAt(text, i, out length);
        }

        if (IsSkinToneModifier(cp))
        {
            i += length;
        }

        return i;
    }

    private static int MatchTagSequence(ReadOnlySpan<char> text, int i)
    {
        int start = i;
        int count = 0;
        while (true)
        {
            int cp = CodePointAt(text, i, out int length);
            if (cp == CancelTag)
            {
                return count > 0 ? i + length - start : 0;
            }

            if (cp is < 0xE0020 or > 0xE007E)
            {
                return 0;
            }

            i += length;
            count++;
        }
    }

    internal static int CodePointAt(ReadOnlySpan<char> text, int index, out int length)
    {
        if ((uint)index >= (uint)text.Length)
        {
            length = 0;
            return -1;
        }

        char c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            length = 2;
            return char.ConvertToUtf32(c, text[index + 1]);
        }

        length = 1;
        return c;
    }
}
