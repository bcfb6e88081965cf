using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Queue;

/// <summary>Where the ledger lives.</summary>
internal sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage";

    /// <summary>
    /// SQLite connection string. A relative <c>Data Source</c> is resolved against the content root
    /// (the folder holding appsettings.json); its folder is created at start.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string ConnectionString { get; set; } = "Data Source=data/syndication.db";

    /// <summary>How long a dispatcher's claim on a post lasts before another may recover it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
