using SyndicationBot.Channels;
using SyndicationBot.Posts;
using SyndicationBot.Tests.Contract;

namespace SyndicationBot.Tests.Channels.Mastodon;

/// <summary>Posts for the Mastodon tests, shared by the contract-server tests and the resilience tests.</summary>
internal static class MastodonTestPosts
{
    internal static OutgoingPost Post(long id, string text, string language = "en") => new(id, $"article-{id}:mastodon", 1, Draft(text, language), ChannelTestHost.Start);

    internal static PostDraft Draft(string text, string language) => new("mastodon", text, text.Length, 500) { Language = language };
}
