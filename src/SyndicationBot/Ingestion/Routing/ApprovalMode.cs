namespace SyndicationBot.Ingestion.Routing;

/// <summary>Whether a route's posts go out by themselves or wait for an editor.</summary>
internal enum ApprovalMode
{
    /// <summary>Published at the time the channel's schedule gives.</summary>
    Auto,

    /// <summary>Queued as held: published only after <c>queue approve &lt;id&gt;</c>, then at the schedule's next time.</summary>
    Hold,
}
