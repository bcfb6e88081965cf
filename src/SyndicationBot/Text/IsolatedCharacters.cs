using System.Runtime.CompilerServices;

namespace SyndicationBot.Text;

/// <summary>
/// Characters that never combine with a neighbour: UAX #29 always breaks between two of them (none is CR, Extend,
/// ZWJ, SpacingMark, Prepend, Hangul or a regional indicator) and they are NFC_Quick_Check=Yes, so text made only of
/// them is one grapheme per character and already NFC. The ranges cover most Latin, Arabic and Chinese text:
/// U+0000-U+02FF, U+0620-U+064A, U+2010-U+2027, U+2030-U+205E and U+4E00-U+9FFF. Grapheme counting and the NFC check
/// skip such runs with a vectorised range search instead of a property look-up per character.
/// </summary>
internal static class IsolatedCharacters
{
    // Inlined: grapheme counting asks this for characters one by one on its fast path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Contains(char c) => c < '\u0300' || RangeOf(c).Last != '\0';

    /// <summary>The range of the table that holds <paramref name="c"/>, or <c>('\0', '\0')</c> when none does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (char First, char Last) RangeOf(char c) => c switch
    {
        <= '\u02FF' => ('\0', '\u02FF'),
        >= '\u0620' and <= '\u064A' => ('\u0620', '\u064A'),
        >= '\u2010' and <= '\u2027' => ('\u2010', '\u2027'),
        >= '\u2030' and <= '\u205E' => ('\u2030', '\u205E'),
        >= '\u4E00' and <= '\u9FFF' => ('\u4E00', '\u9FFF'),
        _ => ('\0', '\0'),
    };
}
