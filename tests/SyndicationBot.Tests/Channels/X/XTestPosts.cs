using SyndicationBot.Channels;
using SyndicationBot.Posts;

namespace SyndicationBot.Tests.Channels.X;

/// <summary>Posts for the X tests, shared by the contract-server tests and the resilience tests.</summary>
internal static class XTestPosts
{
    internal static OutgoingPost Post(long id, string text) => new(id, $"article-{id}:x", 1, Draft(text));

    internal static PostDraft Draft(string text) => new("x", text, text.Length, 280) { Language = "en" };
}
