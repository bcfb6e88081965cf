using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Posts;

/// <summary>How posts are written for one channel (<c>Posts:Channels:{channel}</c>).</summary>
internal sealed class ChannelPostOptions
{
    /// <summary>
    /// The post layout. Placeholders: <c>{title}</c>, <c>{summary}</c>, <c>{url}</c>, <c>{hashtags}</c>; <c>{{</c> and
    /// <c>}}</c> are literal braces. Null uses the channel's default.
    /// </summary>
    public string? Template { get; set; }

    /// <summary>Whether to append the article's tags as hashtags.</summary>
    public bool Hashtags { get; set; } = true;

    /// <summary>The most hashtags per post.</summary>
    [Range(0, 10)]
    public int MaxHashtags { get; set; } = 3;

    /// <summary>
    /// Whether <c>@handles</c> from the article are defused (a U+2060 WORD JOINER after the <c>@</c>) so the post
    /// notifies nobody. Null uses the channel default: on for x, mastodon and bluesky.
    /// </summary>
    public bool? DefuseMentions { get; set; }

    /// <summary>Thread settings: off unless enabled.</summary>
    public ThreadOptions Thread { get; set; } = new();
}
