using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using SyndicationBot.Text;

namespace SyndicationBot.Articles.Text;

/// <summary>
/// Reads the publication dates news pages print ("27 November 2026, 14:05", "le 27 novembre 2026 à 14h05",
/// "27.11.2026", "2026年11月27日", "٢٧ نوفمبر ٢٠٢٦", ISO 8601, RFC 822). Hand-written because .NET's parsers
/// need the exact culture and format, and a page says neither. Month names come from .NET's cultures.
/// Dates without an offset are taken as UTC.
/// </summary>
internal static class DateParser
{
    private static readonly string[] CultureNames = ["en-US", "fr-FR", "es-ES", "de-DE", "it-IT", "pt-PT", "nl-NL", "ar-EG", "ar-MA", "ar-LB", "ar-DZ"];

    private static readonly FrozenDictionary<string, int> Months = BuildMonths();

    private static readonly string[] ExactFormats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz",
    ];

    /// <summary>Parses <paramref name="text"/> as a date; <paramref name="otherLetters"/> counts letters that are not part of it.</summary>
    public static bool TryParse(string text, out DateTimeOffset value, out int otherLetters)
    {
        value = default;
        otherLetters = 0;
        if (text.Length is < 6 or > 120 || !HasDigit(text))
        {
            return false;
        }

        if (char.IsAsciiDigit(text[0]) && text.Length >= 10 && text[4] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value))
        {
            return true;
        }

        if (TryParseRfc822(text, out value))
        {
            return true;
        }

        return TryParseTokens(text, out value, out otherLetters);
    }

    /// <summary>RFC 822/1123 as feeds write it, including numeric offsets like +0100 and zone names.</summary>
    public static bool TryParseRfc822(string text, out DateTimeOffset value)
    {
        value = default;
        var trimmed = text.Trim();
        if (trimmed.Length < 16 || !char.IsAsciiLetter(trimmed[0]) && !char.IsAsciiDigit(trimmed[0]))
        {
            return false;
        }

        var zone = trimmed.LastIndexOf(' ');
        if (zone < 0)
        {
            return false;
        }

        var zoneText = trimmed[(zone + 1)..];
        string withOffset;
        if (zoneText.Length == 5 && zoneText[0] is '+' or '-' && zoneText.AsSpan(1).ContainsAnyExceptInRange('0', '9') is false)
        {
            withOffset = string.Concat(trimmed.AsSpan(0, zone + 1), zoneText.AsSpan(0, 3), ":", zoneText.AsSpan(3));
        }
        else
        {
            var offset = zoneText.ToUpperInvariant() switch
            {
                "GMT" or "UT" or "UTC" or "Z" => "+00:00",
                "EST" => "-05:00",
                "EDT" => "-04:00",
                "CST" => "-06:00",
                "CDT" => "-05:00",
                "MST" => "-07:00",
                "MDT" => "-06:00",
                "PST" => "-08:00",
                "PDT" => "-07:00",
                "CET" => "+01:00",
                "CEST" => "+02:00",
                _ => null,
            };
            withOffset = offset is null ? trimmed : string.Concat(trimmed.AsSpan(0, zone + 1), offset);
        }

        return DateTimeOffset.TryParseExact(withOffset, ExactFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out value);
    }

    private static bool TryParseTokens(string text, out DateTimeOffset value, out int otherLetters)
    {
        value = default;
        otherLetters = 0;
        int year = 0, month = 0, day = 0, hour = -1, minute = 0;
        var numbers = new List<(int Value, int Digits, char After)>(6);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
            if (digit >= 0)
            {
                var number = 0;
                var digits = 0;
                while (i < text.Length && (digit = CharUnicodeInfo.GetDecimalDigitValue(text[i])) >= 0 && digits < 5)
                {
                    number = number * 10 + digit;
                    digits++;
                    i++;
                }

                var after = i < text.Length ? text[i] : '\0';

                // "14.05 Uhr", "13.51 GMT": a dotted clock only once the date is complete, never inside "27.11.2026".
                var dottedClock = after == '.' && DateComplete(numbers, month);
                if ((after is ':' or 'h' or 'H' || dottedClock) && hour < 0 && number < 24 && i + 2 < text.Length + 1
                    && TryTwoDigits(text, i + 1, out var minutes) && minutes < 60)
                {
                    hour = number;
                    minute = minutes;
                    i += 3;
                    continue;
                }

                switch (after)
                {
                    case '年' when digits == 4:
                        year = number;
                        break;
                    case '月' when number is >= 1 and <= 12:
                        month = number;
                        break;
                    case '日' when number is >= 1 and <= 31:
                        day = number;
                        break;
                    case '時' or '时' or '点' when number < 24 && hour < 0:
                        hour = number;
                        break;
                    case '分' when number < 60 && hour >= 0:
                        minute = number;
                        break;
                    default:
                        numbers.Add((number, digits, after));
                        break;
                }

                if (after is '年' or '月' or '日' or '時' or '时' or '点' or '分')
                {
                    i++;
                }

                continue;
            }

            if (char.IsLetter(c))
            {
                var start = i;
                while (i < text.Length && char.IsLetter(text[i]))
                {
                    i++;
                }

                // Month names are 3 to 10 letters; folding other words would be wasted work.
                var length = i - start;
                if (month == 0 && length is >= 3 and <= 10 && Months.TryGetValue(Fold(text.AsSpan(start, length)), out var named))
                {
                    month = named;
                }
                else if (Cjk.IsLetter(c))
                {
                    otherLetters += (i - start) * 3;
                }
                else
                {
                    otherLetters += i - start;
                }

                continue;
            }

            i++;
        }

        AssignNumbers(numbers, ref year, ref month, ref day);
        if (year is < 1990 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, Math.Max(hour, 0), minute, 0, TimeSpan.Zero);
        return true;
    }

    private static bool DateComplete(List<(int Value, int Digits, char After)> numbers, int namedMonth)
    {
        var year = false;
        var others = 0;
        foreach (var (_, digits, _) in numbers)
        {
            year |= digits == 4;
            others += digits == 4 ? 0 : 1;
        }

        return year && others + (namedMonth != 0 ? 1 : 0) >= 2;
    }

    private static void AssignNumbers(List<(int Value, int Digits, char After)> numbers, ref int year, ref int month, ref int day)
    {
        foreach (var (number, digits, _) in numbers)
        {
            if (digits == 4 && year == 0)
            {
                year = number;
            }
        }

        var monthNamed = month != 0;
        foreach (var (number, digits, _) in numbers)
        {
            if (digits == 4)
            {
                continue;
            }

            if (day == 0 && number is >= 1 and <= 31)
            {
                day = number;
            }
            else if (!monthNamed && month == 0 && number is >= 1 and <= 12)
            {
                month = number;
            }
        }

        // yyyy-mm-dd written with separators other than '-' (2026/11/27): the first small number is the month.
        if (!monthNamed && numbers.Count >= 3 && numbers[0].Digits == 4 && numbers[1].Value <= 12)
        {
            month = numbers[1].Value;
            day = numbers[2].Value;
        }
    }

    private static bool TryTwoDigits(string text, int at, out int value)
    {
        value = 0;
        if (at + 1 >= text.Length)
        {
            return false;
        }

        var a = CharUnicodeInfo.GetDecimalDigitValue(text[at]);
        var b = CharUnicodeInfo.GetDecimalDigitValue(text[at + 1]);
        if (a < 0 || b < 0)
        {
            return false;
        }

        value = a * 10 + b;
        return true;
    }

    // Every format has a day or a year in digits; lines without digits (most of a page) stop here.
    private static bool HasDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    internal static string Fold(ReadOnlySpan<char> word) => CharFolding.Fold(word);

    private static FrozenDictionary<string, int> BuildMonths()
    {
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in CultureNames)
        {
            var format = CultureInfo.GetCultureInfo(name).DateTimeFormat;
            Add(months, format.MonthNames);
            Add(months, format.MonthGenitiveNames);
            Add(months, format.AbbreviatedMonthNames);
            Add(months, format.AbbreviatedMonthGenitiveNames);
        }

        return months.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, int> months, string[] names)
    {
        for (var m = 0; m < 12 && m < names.Length; m++)
        {
            // Multi-word names (Levantine "كانون الثاني") cannot match one token; their second word is ambiguous.
            var name = names[m].Trim().TrimEnd('.');
            if (name.Length < 3 || name.Contains(' ', StringComparison.Ordinal))
            {
                continue;
            }

            months.TryAdd(Fold(name), m + 1);
        }
    }
}
