namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// The channel's taken due times (ledger plus fresh reservations) for one assignment, read from the
/// ledger a week at a time (a query per week, not per slot) and kept sorted (each count a binary search).
/// </summary>
internal sealed class DueTimeView(IScheduleLedger ledger, string channel, IReadOnlyList<DateTimeOffset> reserved, CancellationToken cancellationToken)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);
    private readonly List<DateTimeOffset> known = [];
    private DateTimeOffset coveredFrom;
    private DateTimeOffset coveredTo;
    private bool covered;

    public IScheduleLedger Ledger => ledger;

    public string Channel => channel;

    /// <summary>How many due times fall in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<int> CountAsync(DateTimeOffset from, DateTimeOffset to)
    {
        await EnsureAsync(from, to);

        // A reservation already enqueued shows up in the ledger too; count it once.
        return LowerBound(to) - LowerBound(from)
            + reserved.Count(due => due >= from && due < to && known.BinarySearch(due) < 0);
    }

    /// <summary>The index of the first known due time at or after <paramref name="instant"/>.</summary>
    private int LowerBound(DateTimeOffset instant)
    {
        int low = 0, high = known.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (known[middle] < instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private async Task EnsureAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var before = known.Count;
        if (!covered)
        {
            coveredFrom = from;
            coveredTo = to > from + Window ? to : from + Window;
            known.AddRange(await ledger.GetDueTimesAsync(channel, coveredFrom, coveredTo, cancellationToken));
            covered = true;
        }

        if (from < coveredFrom)
        {
            known.AddRange(await ledger.GetDueTimesAsync(channel, from, coveredFrom, cancellationToken));
            coveredFrom = from;
        }

        if (to > coveredTo)
        {
            var end = to > coveredTo + Window ? to : coveredTo + Window;
            known.AddRange(await ledger.GetDueTimesAsync(channel, coveredTo, end, cancellationToken));
            coveredTo = end;
        }

        if (known.Count != before)
        {
            known.Sort();
        }
    }
}
