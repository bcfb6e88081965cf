namespace SyndicationBot.Articles;

/// <summary>One feed to poll (an element of <c>Sources:Feeds</c>).</summary>
internal sealed class FeedSourceOptions
{
    /// <summary>A short unique name used in logs and in the ledger.</summary>
    public string Name { get; set; } = "";

    /// <summary>An absolute http(s) URL, or a local file path, of an RSS 2.0, Atom or JSON Feed document.</summary>
    public string Url { get; set; } = "";

    /// <summary>How often the feed is polled. Default 15 minutes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Tags added to every article of this feed.</summary>
    public IList<string> Tags { get; init; } = [];

    /// <summary>Disabled feeds are not polled.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When an item has no usable text, fetch and extract the linked page.</summary>
    public bool FetchArticlePage { get; set; }

    /// <summary>
    /// Whether this feed's own URL (and its redirects) may be on a loopback or private address, for a feed the
    /// operator runs on this machine or network. The pages its items link to are still held to the egress policy.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How many of the newest items to post the first time the feed is seen (0 = none). Default 1.</summary>
    public int FirstRunNewest { get; set; } = 1;
}
