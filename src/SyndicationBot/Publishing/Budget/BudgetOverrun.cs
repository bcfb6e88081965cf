namespace SyndicationBot.Publishing.Budget;

/// <summary>What happens to a post beyond its channel's budget; never a silent drop.</summary>
internal enum BudgetOverrun
{
    /// <summary>Deferred to the start of the next period (day or month), shown by <c>status</c>.</summary>
    Defer,

    /// <summary>Skipped, with the reason in the ledger (<c>queue list --all</c>, <c>history</c>).</summary>
    Skip,
}
