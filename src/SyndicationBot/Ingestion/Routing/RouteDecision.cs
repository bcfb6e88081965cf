namespace SyndicationBot.Ingestion.Routing;

/// <summary>Where an article goes and why: its channels, or the reason it goes nowhere.</summary>
/// <param name="Channels">The enabled channels the article goes to, each with the reason.</param>
/// <param name="SkipReason">Set when it goes to no channel: why (shown by <c>inputs</c>, <c>ingest</c>, <c>preview</c>).</param>
internal sealed record RouteDecision(IReadOnlyList<RoutedChannel> Channels, string? SkipReason);

/// <summary>One channel an article goes to.</summary>
/// <param name="Channel">The channel id.</param>
/// <param name="Because">Which rule sent it there and on what (<c>route 'french': language fr</c>).</param>
/// <param name="Hold">True when a rule that sends it there holds its posts for approval.</param>
internal sealed record RoutedChannel(string Channel, string Because, bool Hold);
