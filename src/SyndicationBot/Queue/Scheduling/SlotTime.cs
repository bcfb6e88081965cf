using System.Globalization;

namespace SyndicationBot.Queue.Scheduling;

/// <summary>Parses the <c>HH:mm</c> local times used by slots and quiet hours.</summary>
internal static class SlotTime
{
    private static readonly string[] Formats = ["H:mm", "HH:mm"];

    public static bool TryParse(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
