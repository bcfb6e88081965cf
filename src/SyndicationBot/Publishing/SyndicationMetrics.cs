using System.Diagnostics.Metrics;
using SyndicationBot.Publishing.Budget;
using SyndicationBot.Queue;

namespace SyndicationBot.Publishing;

/// <summary>
/// The service's instruments (one <see cref="Meter"/>, exported at <c>/metrics</c> by OpenTelemetry's Prometheus
/// exporter): queue depth by state and channel, dispatch lateness, publish outcomes, ingest outcomes, feed fetches.
/// </summary>
internal sealed class SyndicationMetrics
{
    /// <summary>The meter's name, as the exporter subscribes to it.</summary>
    public const string MeterName = "SyndicationBot";

    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _publishOutcomes;
    private readonly Counter<long> _ingestOutcomes;
    private readonly Counter<long> _feedFetches;
    private IReadOnlyList<QueueDepth> _depth = [];
    private IReadOnlyList<BudgetUsage> _budgets = [];

    public SyndicationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "syndicationbot.queue.depth",
            () => Volatile.Read(ref _depth).Select(d => new Measurement<int>(d.Count, new("channel", d.Channel), new("state", d.State.ToString()))),
            unit: "{post}",
            description: "Posts in the ledger by channel and state (refreshed with each heartbeat).");
        meter.CreateObservableGauge(
            "syndicationbot.budget.posts",
            () => Volatile.Read(ref _budgets).SelectMany(b => (Measurement<int>[])
            [
                new(b.PostsToday, new("channel", b.Channel), new("period", "day")),
                new(b.PostsThisMonth, new("channel", b.Channel), new("period", "month")),
                new(b.ForecastPosts, new("channel", b.Channel), new("period", "month_forecast")),
            ]),
            unit: "{post}",
            description: "Posts published on a budgeted channel today and this month, and the month's forecast (published + waiting).");
        meter.CreateObservableGauge(
            "syndicationbot.budget.spend",
            () => Volatile.Read(ref _budgets).Where(b => b.Spent is not null).SelectMany(b => (Measurement<double>[])
            [
                new((double)b.Spent!.Value, new("channel", b.Channel), new("currency", b.Currency), new("period", "month")),
                new((double)(b.ForecastSpend ?? b.Spent.Value), new("channel", b.Channel), new("currency", b.Currency), new("period", "month_forecast")),
            ]),
            description: "Money spent on a budgeted channel this month, and the month's forecast.");
        _lateness = meter.CreateHistogram<double>(
            "syndicationbot.dispatch.lateness",
            unit: "s",
            description: "How long after its due time a post was published.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 60, 300, 900, 3600, 14400, 86400] });
        _publishOutcomes = meter.CreateCounter<long>("syndicationbot.publish.outcomes", unit: "{attempt}", description: "Outcomes of publish attempts by channel and class.");
        _ingestOutcomes = meter.CreateCounter<long>("syndicationbot.ingest.outcomes", unit: "{input}", description: "What became of inputs, by source and outcome.");
        _feedFetches = meter.CreateCounter<long>("syndicationbot.feed.fetches", unit: "{fetch}", description: "Feed fetches by feed and result.");
    }

    /// <summary>Replaces the queue-depth snapshot.</summary>
    public void SetQueueDepth(IReadOnlyList<QueueDepth> depth) => Volatile.Write(ref _depth, depth);

    /// <summary>Replaces the budget snapshot (refreshed with each heartbeat).</summary>
    public void SetBudgets(IReadOnlyList<BudgetUsage> budgets) => Volatile.Write(ref _budgets, budgets);

    /// <summary>Counts an attempt's outcome; a publication also records its lateness.</summary>
    public void RecordOutcome(QueuedPost post, PostOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        var kind = outcome switch
        {
            PostOutcome.Published => "published",
            PostOutcome.RetryAt => "retry",
            PostOutcome.Failed => "failed",
            PostOutcome.Skipped => "skipped",
            PostOutcome.InDoubt => "in_doubt",
            PostOutcome.Released => "released",
            _ => "other",
        };
        _publishOutcomes.Add(1, new("channel", post.Channel), new("class", kind));
        if (outcome is PostOutcome.Published)
        {
            _lateness.Record(Math.Max(0, (now - post.DueAt).TotalSeconds), new KeyValuePair<string, object?>("channel", post.Channel));
        }
    }

    /// <summary>Counts what became of inputs from one source (<c>seeds</c>, <c>ingest</c>, a feed's name).</summary>
    public void RecordIngest(string source, IEnumerable<IngestRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            _ingestOutcomes.Add(1, new("source", source), new("outcome", record.Outcome));
        }
    }

    /// <summary>Counts a feed fetch.</summary>
    public void RecordFeedFetch(string feed, string result) => _feedFetches.Add(1, new("feed", feed), new("result", result));
}
