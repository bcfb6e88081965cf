using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Posts;

/// <summary>Whether a summary too long for one post continues as a numbered thread (<c>Posts:Channels:{channel}:Thread</c>).</summary>
internal sealed class ThreadOptions
{
    /// <summary>Off by default: one post per article.</summary>
    public bool Enabled { get; set; }

    /// <summary>The most posts in a thread, the first included.</summary>
    [Range(2, 25)]
    public int MaxPosts { get; set; } = 4;
}
