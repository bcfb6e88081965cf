namespace SyndicationBot.Articles.Egress;

/// <summary>
/// The egress policy's one setting, <c>Sources:AllowPrivateAddresses</c>, in a type of its own so that every
/// feature that fetches what an input names (feeds, linked pages, link-card images) binds it without binding the
/// rest of <c>Sources</c> again (its feed list would be bound twice).
/// </summary>
public sealed class EgressOptions
{
    /// <summary>The configuration section these options bind to (shared with <see cref="SourcesOptions"/>).</summary>
    public const string SectionName = SourcesOptions.SectionName;

    /// <summary>
    /// Whether fetches may connect to loopback, private, link-local and other non-public addresses (cloud metadata
    /// included). Default false: a feed item's link or a page's image cannot make the bot read this machine or its
    /// network. A feed of the operator's own on such an address is trusted with <see cref="FeedSourceOptions.AllowPrivateAddresses"/>.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }
}
