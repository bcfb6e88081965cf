using System.Collections.Frozen;
using System.Globalization;

namespace SyndicationBot.Queue;

/// <summary>
/// The post state machine, once, in plain code: what each state means (the table below), which transitions are
/// allowed, which outcome leads to which state, and the state lists every adapter's queries select (rendered into
/// SQL by <see cref="SqlList"/>, so no adapter writes a numeric state). A new state is one line in <see cref="Table"/>
/// (plus its enum value); <see cref="Transitions"/> and every list follow from it.
/// </summary>
internal static class PostStates
{
    // State, Live, Claimable, Unsent, Cancellable, Retryable, Reschedulable (, Approvable).
    private static readonly PostStateRule[] Table =
    [
        new(PostState.Queued, Live: true, Claimable: true, Unsent: true, Cancellable: true, Retryable: false, Reschedulable: true),
        new(PostState.Publishing, Live: true, Claimable: false, Unsent: false, Cancellable: false, Retryable: false, Reschedulable: false),
        new(PostState.Published, Live: true, Claimable: false, Unsent: false, Cancellable: false, Retryable: false, Reschedulable: false),
        new(PostState.RetryWaiting, Live: true, Claimable: true, Unsent: true, Cancellable: true, Retryable: true, Reschedulable: true),
        new(PostState.Failed, Live: false, Claimable: false, Unsent: false, Cancellable: true, Retryable: true, Reschedulable: false),
        new(PostState.Skipped, Live: false, Claimable: false, Unsent: false, Cancellable: false, Retryable: true, Reschedulable: true),
        new(PostState.Cancelled, Live: false, Claimable: false, Unsent: false, Cancellable: false, Retryable: true, Reschedulable: true),
        new(PostState.InDoubt, Live: true, Claimable: false, Unsent: false, Cancellable: true, Retryable: true, Reschedulable: true),

        // Not live: a held post takes no time on the channel until it is approved and the schedule gives it one.
        new(PostState.Held, Live: false, Claimable: false, Unsent: true, Cancellable: true, Retryable: false, Reschedulable: false, Approvable: true),
    ];

    private static readonly FrozenDictionary<PostState, PostStateRule> Rules = BuildRules();

    /// <summary>Every state's rule, in enum order.</summary>
    public static IReadOnlyList<PostStateRule> All { get; } = [.. Rules.Values.OrderBy(rule => rule.State)];

    /// <summary>States that hold their time on the channel (spacing, slots, the scheduler's due times).</summary>
    public static IReadOnlyList<PostState> Live { get; } = Where(rule => rule.Live);

    /// <summary>States a dispatcher claims when their ready time has come.</summary>
    public static IReadOnlyList<PostState> Claimable { get; } = Where(rule => rule.Claimable);

    /// <summary>States whose text a newer version of the article may still replace.</summary>
    public static IReadOnlyList<PostState> Unsent { get; } = Where(rule => rule.Unsent);

    /// <summary>States <c>queue cancel</c> applies to.</summary>
    public static IReadOnlyList<PostState> Cancellable { get; } = Where(rule => rule.Cancellable);

    /// <summary>States <c>queue retry</c> applies to.</summary>
    public static IReadOnlyList<PostState> Retryable { get; } = Where(rule => rule.Retryable);

    /// <summary>States <c>queue reschedule</c> applies to.</summary>
    public static IReadOnlyList<PostState> Reschedulable { get; } = Where(rule => rule.Reschedulable);

    /// <summary>States <c>queue approve</c> applies to.</summary>
    public static IReadOnlyList<PostState> Approvable { get; } = Where(rule => rule.Approvable);

    /// <summary>The state of a claimed post, whose outcome only its lease holder (or lease recovery) may record.</summary>
    public static PostState Leased => PostState.Publishing;

    /// <summary>The state a new post starts in, and the one retry, reschedule, approval and release lead back to.</summary>
    public static PostState Initial => PostState.Queued;

    /// <summary>The state a new post is written in: <see cref="PostState.Held"/> when its route holds it for approval, else <see cref="Initial"/>.</summary>
    public static PostState Entry(NewPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.Held ? PostState.Held : Initial;
    }

    /// <summary>The ready time a new post is written with: its due time when it may be claimed, none when it is held.</summary>
    public static DateTimeOffset? EntryReadyAt(NewPost post) => Rule(Entry(post)).Claimable ? post.DueAt : null;

    /// <summary>
    /// Every allowed move, derived from the table: claim (claimable → leased), the outcome of an attempt (leased → any
    /// outcome's state), and the operator's cancel, retry, reschedule and approve.
    /// </summary>
    public static FrozenSet<(PostState From, PostState To)> Transitions { get; } = BuildTransitions();

    /// <summary>The rule of <paramref name="state"/>.</summary>
    public static PostStateRule Rule(PostState state) =>
        Rules.TryGetValue(state, out var rule) ? rule : throw new ArgumentOutOfRangeException(nameof(state), state, "Not a post state this build knows.");

    /// <summary>True when the ledger may move a post from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(PostState from, PostState to) => Transitions.Contains((from, to));

    /// <summary>The state an outcome leaves a post in, and the word the attempt's row records.</summary>
    /// <summary>
    /// What recording <paramref name="outcome"/> at <paramref name="now"/> writes on the post, for every adapter: the
    /// new state and its label, when it is ready again, the error or note kept, and where it was published.
    /// </summary>
    public static OutcomeWrite Write(PostOutcome outcome, DateTimeOffset now)
    {
        var (state, label) = After(outcome);
        var (error, remoteId, remoteUrl, publishedAt) = outcome switch
        {
            PostOutcome.Published p => (p.Note, p.RemoteId, p.RemoteUrl?.AbsoluteUri, (DateTimeOffset?)now),
            PostOutcome.RetryAt r => (r.Error, null, null, null),
            PostOutcome.Failed f => (f.Error, null, null, null),
            PostOutcome.Skipped s => (s.Reason, null, null, null),
            PostOutcome.InDoubt d => (d.Reason, null, null, null),
            PostOutcome.Released r => (r.Note, null, null, null),
            _ => ((string?)"cancelled by the operator", (string?)null, (string?)null, (DateTimeOffset?)null),
        };
        return new OutcomeWrite(state, label, ReadyAt(outcome), error, remoteId, remoteUrl, publishedAt);
    }

    public static (PostState State, string Label) After(PostOutcome outcome) => outcome switch
    {
        PostOutcome.Published => (PostState.Published, "published"),
        PostOutcome.RetryAt => (PostState.RetryWaiting, "retry"),
        PostOutcome.Failed => (PostState.Failed, "failed"),
        PostOutcome.Skipped => (PostState.Skipped, "skipped"),
        PostOutcome.InDoubt => (PostState.InDoubt, "in-doubt"),
        PostOutcome.Released => (Initial, "released"),
        PostOutcome.Cancelled => (PostState.Cancelled, "cancelled"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    /// <summary>The time from which a post in the state an outcome leads to may be claimed, or null when it may not be.</summary>
    public static DateTimeOffset? ReadyAt(PostOutcome outcome) => outcome switch
    {
        PostOutcome.RetryAt retry => retry.NextAttemptAt,
        PostOutcome.Released released => released.DueAt,
        _ => null,
    };

    /// <summary>The states as a SQL list, e.g. <c>(0, 3)</c>, for <c>state IN …</c>; the same text on every adapter.</summary>
    public static string SqlList(IEnumerable<PostState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var numbers = states.Distinct().Order().Select(state => ((int)state).ToString(CultureInfo.InvariantCulture)).ToArray();
        if (numbers.Length == 0)
        {
            throw new ArgumentException("A state list needs at least one state.", nameof(states));
        }

        return "(" + string.Join(", ", numbers) + ")";
    }

    /// <summary>One state as a SQL literal (its stored number).</summary>
    public static string Sql(PostState state) => ((int)Rule(state).State).ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<PostState> Where(Func<PostStateRule, bool> predicate) =>
        [.. Rules.Values.Where(predicate).Select(rule => rule.State).Order()];

    private static FrozenDictionary<PostState, PostStateRule> BuildRules()
    {
        var rules = Table.ToDictionary(rule => rule.State);
        var missing = Enum.GetValues<PostState>().Where(state => !rules.ContainsKey(state)).ToArray();
        if (missing.Length > 0 || rules.Count != Table.Length)
        {
            // A state added to the enum without its rule would be invisible to every query: fail on first use, loudly.
            throw new InvalidOperationException($"PostStates has no rule (or two) for: {string.Join(", ", missing)}. Add one line to its table.");
        }

        return rules.ToFrozenDictionary();
    }

    private static FrozenSet<(PostState, PostState)> BuildTransitions()
    {
        PostOutcome[] outcomes =
        [
            new PostOutcome.Published(null, null), new PostOutcome.RetryAt(default, string.Empty), new PostOutcome.Failed(string.Empty),
            new PostOutcome.Skipped(string.Empty), new PostOutcome.InDoubt(string.Empty), new PostOutcome.Released(default), new PostOutcome.Cancelled(),
        ];
        var moves = new HashSet<(PostState, PostState)>();
        foreach (var rule in Table)
        {
            if (rule.Claimable)
            {
                moves.Add((rule.State, Leased));
            }

            if (rule.Cancellable)
            {
                moves.Add((rule.State, PostState.Cancelled));
            }

            if (rule.Retryable || rule.Reschedulable || rule.Approvable)
            {
                moves.Add((rule.State, Initial));
            }
        }

        foreach (var outcome in outcomes)
        {
            moves.Add((Leased, After(outcome).State));
        }

        return moves.ToFrozenSet();
    }
}
