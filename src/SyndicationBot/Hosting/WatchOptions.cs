using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Hosting;

/// <summary>How the seed folder is watched.</summary>
internal sealed class WatchOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sources:Watch";

    /// <summary>A file must keep the same size and modification time this long before it is read.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The periodic rescan, a safety net for file-system events that never arrive.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(30);
}
