namespace SyndicationBot.Publishing.Budget;

/// <summary>
/// One channel's budget, section <c>Channels:&lt;id&gt;:Budget</c> (named options keyed by the channel id). Days and
/// months are those of the channel's schedule time zone. Nothing set: no budget. Prices are not built in (a
/// network's pay-per-use prices change): give the ones on your invoice.
/// </summary>
internal sealed class ChannelBudgetOptions
{
    /// <summary>At most this many posts published per day.</summary>
    public int? PostsPerDay { get; set; }

    /// <summary>At most this many posts published per calendar month.</summary>
    public int? PostsPerMonth { get; set; }

    /// <summary>What one post without a link costs (X pay-per-use: the price of a post).</summary>
    public decimal? CostPerPost { get; set; }

    /// <summary>What one post carrying a link costs (X pay-per-use prices a post with a URL higher); unset: <see cref="CostPerPost"/>.</summary>
    public decimal? CostPerPostWithLink { get; set; }

    /// <summary>At most this much spent per calendar month (needs a cost).</summary>
    public decimal? MoneyPerMonth { get; set; }

    /// <summary>The currency the costs are in, shown with them.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary><c>Defer</c> (default): a post beyond the budget waits for the next day or month; <c>Skip</c>: it is skipped, with the reason.</summary>
    public BudgetOverrun WhenExceeded { get; set; } = BudgetOverrun.Defer;

    /// <summary>True when any limit or cost is set.</summary>
    public bool IsSet => PostsPerDay is not null || PostsPerMonth is not null || CostPerPost is not null || CostPerPostWithLink is not null || MoneyPerMonth is not null;

    /// <summary>The cost of one post, by whether it carries a link; null when no cost is set.</summary>
    public decimal? CostOf(bool withLink) => withLink ? CostPerPostWithLink ?? CostPerPost : CostPerPost;
}
