namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// The channel's taken due times (ledger plus fresh reservations) for one assignment. The ledger is read
/// in windows that double as the search moves on (a year of backlog costs a handful of queries, not one
/// per slot), and the times are kept sorted so each count is a binary search.
/// </summary>
internal sealed class DueTimeView(IScheduleLedger ledger, string channel, IReadOnlyList<DateTimeOffset> reserved, CancellationToken cancellationToken)
{
    private static readonly TimeSpan FirstWindow = TimeSpan.FromDays(7);
    private readonly List<DateTimeOffset> fromLedger = [];
    private List<DateTimeOffset> taken = [];
    private DateTimeOffset coveredFrom;
    private DateTimeOffset coveredTo;
    private bool covered;

    public IScheduleLedger Ledger => ledger;

    public string Channel => channel;

    /// <summary>How many due times fall in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<int> CountAsync(DateTimeOffset from, DateTimeOffset to)
    {
        await EnsureAsync(from, to);
        return LowerBound(taken, to) - LowerBound(taken, from);
    }

    /// <summary>The index of the first time at or after <paramref name="instant"/> in a sorted list.</summary>
    private static int LowerBound(List<DateTimeOffset> sorted, DateTimeOffset instant)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle] < instant)
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
        var before = fromLedger.Count;
        var widened = false;
        if (!covered)
        {
            coveredFrom = from;
            coveredTo = to > from + FirstWindow ? to : from + FirstWindow;
            fromLedger.AddRange(await ledger.GetDueTimesAsync(channel, coveredFrom, coveredTo, cancellationToken));
            covered = widened = true;
        }

        if (from < coveredFrom)
        {
            fromLedger.AddRange(await ledger.GetDueTimesAsync(channel, from, coveredFrom, cancellationToken));
            coveredFrom = from;
            widened = true;
        }

        if (to > coveredTo)
        {
            var span = coveredTo - coveredFrom;
            var end = to > coveredTo + span ? to : coveredTo + span;
            fromLedger.AddRange(await ledger.GetDueTimesAsync(channel, coveredTo, end, cancellationToken));
            coveredTo = end;
            widened = true;
        }

        if (widened)
        {
            if (fromLedger.Count != before)
            {
                fromLedger.Sort();
            }

            // A reservation already enqueued shows up in the ledger too; count it once.
            taken = [.. fromLedger];
            taken.AddRange(reserved.Where(due => due >= coveredFrom && due < coveredTo && fromLedger.BinarySearch(due) < 0));
            taken.Sort();
        }
    }
}
