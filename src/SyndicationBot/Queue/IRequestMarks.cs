namespace SyndicationBot.Queue;

/// <summary>
/// Marks the moment an attempt's request is about to leave, so recovery can tell a post whose dispatcher died before
/// sending (safe to queue again) from one that may have reached the network (in doubt). Only channels that cannot
/// dedupe need it. Part of the ledger's port (<see cref="IPostQueue"/>), so every adapter keeps them.
/// </summary>
internal interface IRequestMarks
{
    /// <summary>Records, before the network call, that the owner's current attempt of the post is about to send.</summary>
    Task MarkRequestAsync(long postId, string owner, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>True when the owner's latest attempt of the post was marked: its request may have reached the network.</summary>
    Task<bool> WasRequestMarkedAsync(long postId, string owner, CancellationToken cancellationToken);
}
