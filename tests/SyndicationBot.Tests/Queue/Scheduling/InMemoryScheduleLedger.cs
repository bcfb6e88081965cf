using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Tests.Queue.Scheduling;

/// <summary>
/// The ledger facts the scheduler reads, kept in memory the way the SQLite ledger keeps them: times in
/// whole milliseconds, the original due time kept, a deferral stored as the time the post is ready again.
/// </summary>
internal sealed class InMemoryScheduleLedger : IScheduleLedger
{
    private static readonly PostState[] LiveStates =
        [PostState.Queued, PostState.Publishing, PostState.RetryWaiting, PostState.Published, PostState.InDoubt];

    private readonly List<LedgerPost> posts = [];

    public IReadOnlyList<LedgerPost> Posts => posts;

    public int GetDueTimesCalls { get; private set; }

    public LedgerPost Add(string channel, DateTimeOffset dueAt, bool urgent = false, PostState state = PostState.Queued)
    {
        var post = new LedgerPost(posts.Count + 1, channel, dueAt, urgent) { State = state };
        posts.Add(post);
        return post;
    }

    public Task<DateTimeOffset?> GetLastDueAsync(string channel, CancellationToken cancellationToken) =>
        Task.FromResult(Live(channel).Select(post => (DateTimeOffset?)post.DueAt).Max());

    public Task<IReadOnlyList<DateTimeOffset>> GetDueTimesAsync(string channel, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, CancellationToken cancellationToken)
    {
        GetDueTimesCalls++;
        IReadOnlyList<DateTimeOffset> dues = [.. Live(channel).Select(post => post.DueAt).Where(due => due >= fromInclusive && due < toExclusive)];
        return Task.FromResult(dues);
    }

    public Task<int> CountPublishedAsync(string channel, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, CancellationToken cancellationToken) =>
        Task.FromResult(posts.Count(post => IsChannel(post, channel)
            && post.State == PostState.Published
            && post.PublishedAt >= fromInclusive
            && post.PublishedAt < toExclusive));

    private IEnumerable<LedgerPost> Live(string channel) =>
        posts.Where(post => IsChannel(post, channel) && LiveStates.Contains(post.State));

    private static bool IsChannel(LedgerPost post, string channel) =>
        string.Equals(post.Channel, channel, StringComparison.OrdinalIgnoreCase);
}
