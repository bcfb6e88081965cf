using SyndicationBot.Queue;

namespace SyndicationBot.Ingestion;

/// <summary>What to do about an article that changed at the source, decided by <see cref="UpdatePostRules"/>.</summary>
/// <param name="Refresh">The channels' latest posts that have not gone out: they take the new text.</param>
/// <param name="UpdateChannels">Channels that already published the article and get an update post.</param>
/// <param name="WhyNoUpdate">Why no update post is made, for the operator; null when update posts are due.</param>
internal sealed record RevisionPlan(IReadOnlyList<QueuedPost> Refresh, IReadOnlyList<string> UpdateChannels, string? WhyNoUpdate)
{
    /// <summary>True when the change touches no post at all (it is recorded as a duplicate).</summary>
    public bool IsEmpty => Refresh.Count == 0 && UpdateChannels.Count == 0;
}
