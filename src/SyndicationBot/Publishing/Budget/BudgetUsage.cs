namespace SyndicationBot.Publishing.Budget;

/// <summary>
/// One channel's budget in the current period: what was published and spent, and the forecast (published plus the
/// posts waiting that fall due before the period ends).
/// </summary>
internal sealed record BudgetUsage(
    string Channel,
    DateOnly Day,
    int PostsToday,
    int? PostsPerDay,
    DateTimeOffset NextDay,
    string Month,
    int PostsThisMonth,
    int? PostsPerMonth,
    DateTimeOffset NextMonth,
    decimal? Spent,
    decimal? MoneyPerMonth,
    int ForecastPosts,
    decimal? ForecastSpend,
    string Currency)
{
    /// <summary>How every budget reason begins, so <c>status</c> finds the posts a budget holds back.</summary>
    public const string Marker = "Budget: ";

    /// <summary>The budget this post would break, in words, and when the period ends; null when it fits.</summary>
    public (string Reason, DateTimeOffset Until)? Exceeded(decimal? cost)
    {
        if (PostsPerDay is { } perDay && PostsToday >= perDay)
        {
            return (FormattableString.Invariant($"{Marker}PostsPerDay {perDay} reached on {Channel} ({PostsToday} published on {Day:yyyy-MM-dd})"), NextDay);
        }

        if (PostsPerMonth is { } perMonth && PostsThisMonth >= perMonth)
        {
            return (FormattableString.Invariant($"{Marker}PostsPerMonth {perMonth} reached on {Channel} ({PostsThisMonth} published in {Month})"), NextMonth);
        }

        if (MoneyPerMonth is { } cap && (Spent ?? 0) + (cost ?? 0) > cap)
        {
            return (FormattableString.Invariant($"{Marker}MoneyPerMonth {cap} {Currency} on {Channel} would be exceeded ({Spent ?? 0} spent in {Month}, this post {cost ?? 0})"), NextMonth);
        }

        return null;
    }
}
