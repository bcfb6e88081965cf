using System.Globalization;
using System.Net;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>RSS documents for the feed tests.</summary>
internal static class HostileFeeds
{
    /// <summary>One item linking to <paramref name="link"/>, with a headline only (so the linked page qualifies for fetching) or a lead.</summary>
    public static string Rss(string guid, string title, string link, string? description = null) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Wire</title><link>https://news.example.ma/</link><description>d</description><language>en</language>
        <item><title>{WebUtility.HtmlEncode(title)}</title><link>{WebUtility.HtmlEncode(link)}</link><guid>{guid}</guid>
        <pubDate>{HostileHost.Start.AddHours(-1).ToString("r", CultureInfo.InvariantCulture)}</pubDate>
        {(description is null ? "" : $"<description>{WebUtility.HtmlEncode(description)}</description>")}</item>
        </channel></rss>
        """;

    public const string Lead = "<p>Officials said on Monday that the plan would be presented to the regional council next week, with its cost and a timetable for the works.</p>";
}
