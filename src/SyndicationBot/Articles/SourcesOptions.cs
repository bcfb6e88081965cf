using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Articles;

/// <summary>Where articles come from: the watched seed folder and the configured feeds (section <c>Sources</c>).</summary>
internal sealed class SourcesOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Sources";

    /// <summary>The folder of scraped pages to read and watch. Default <c>seeds</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Sources:SeedsPath must name a folder.")]
    public string SeedsPath { get; set; } = "seeds";

    /// <summary>Inputs larger than this are rejected unread. Default 5 MB.</summary>
    [Range(1, 1L << 30, ErrorMessage = "Sources:MaxFileBytes must be between 1 and 1073741824 bytes.")]
    public long MaxFileBytes { get; set; } = 5L * 1024 * 1024;

    /// <summary>Articles published longer ago than this are recorded as skipped; null means no limit.</summary>
    public TimeSpan? MaxArticleAge { get; set; }

    /// <summary>
    /// Whether a link in the seeds folder may lead to a file outside it. Default false: such a link is reported
    /// and not read, so a link planted in the folder cannot post a private file from elsewhere.
    /// </summary>
    public bool FollowSymlinksOutside { get; set; }

    /// <summary>The longest one fetch (a feed or a linked page) may take, headers and body together. Default 30 s.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The feeds to poll.</summary>
    public IList<FeedSourceOptions> Feeds { get; init; } = [];
}
