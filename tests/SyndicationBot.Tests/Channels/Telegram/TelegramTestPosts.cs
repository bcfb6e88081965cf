using SyndicationBot.Channels;
using SyndicationBot.Posts;

namespace SyndicationBot.Tests.Channels.Telegram;

/// <summary>Drafts and posts for the Telegram tests, shared by the contract-server tests and the time-out test.</summary>
internal static class TelegramTestPosts
{
    internal static PostDraft Draft(string html, Uri? link = null) =>
        new("telegram", html, html.Length, 4096) { Language = "fr", Link = link };

    internal static OutgoingPost Post(PostDraft draft) => new(17, $"article-17:telegram:{draft.Text.GetHashCode(StringComparison.Ordinal)}", 1, draft);
}
