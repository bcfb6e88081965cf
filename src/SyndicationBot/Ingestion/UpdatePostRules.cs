using SyndicationBot.Queue;

namespace SyndicationBot.Ingestion;

/// <summary>
/// The rules for an article already in the ledger that changed at the source, apart from the ledger and the composers:
/// posts that have not gone out take the new text; a channel that already published the article gets an update post
/// only when the operator enabled them, the headline or lead changed, and the article's update budget allows it.
/// </summary>
internal static class UpdatePostRules
{
    /// <summary>Decides, per enabled channel, what the change does to its latest post of the article.</summary>
    public static RevisionPlan Plan(UpdatePostsOptions options, ArticleMatch.Changed changed, IEnumerable<string> enabledChannels, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(enabledChannels);
        var whyNoUpdate = WhyNoUpdate(options, changed, now);
        var refresh = new List<QueuedPost>();
        var updates = new List<string>();
        foreach (var channel in enabledChannels)
        {
            if (changed.LatestPosts.FirstOrDefault(p => p.Channel == channel) is not { } latest)
            {
                // Never posted there (the channel was enabled later, or the article was only recorded as seen).
                continue;
            }

            if (latest.State is PostState.Queued or PostState.RetryWaiting)
            {
                // Not seen by anyone yet: it simply goes out with the new text.
                refresh.Add(latest);
            }
            else if (whyNoUpdate is null && latest.State is PostState.Published or PostState.Publishing or PostState.InDoubt)
            {
                // Followers may have seen the old text (in doubt: perhaps), so the change gets a post of its own.
                updates.Add(channel);
            }
        }

        return new RevisionPlan(refresh, updates, whyNoUpdate);
    }

    /// <summary>Why this change gets no update post (naming the setting that decides it), or null when it does.</summary>
    public static string? WhyNoUpdate(UpdatePostsOptions options, ArticleMatch.Changed changed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(changed);
        return !options.Enabled ? $"update posts are off ({UpdatePostsOptions.SectionName}:Enabled)"
            : !changed.LeadChanged ? "only the text below the headline and lead changed"
            : changed.UpdateRevisions >= options.MaxPerArticle ? $"it already had {changed.UpdateRevisions} update posts ({UpdatePostsOptions.SectionName}:MaxPerArticle)"
            : changed.LastUpdateAt is { } last && now - last < options.MinInterval ? $"its last update post was queued less than {UpdatePostsOptions.SectionName}:MinInterval ago"
            : null;
    }
}
