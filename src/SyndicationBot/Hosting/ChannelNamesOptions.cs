namespace SyndicationBot.Hosting;

/// <summary>
/// Nothing to set: stands for the channel names used as keys under <c>Schedule:Channels:</c>
/// and <c>Posts:Channels:</c>, so <see cref="ChannelNamesValidator"/> runs at start-up with the other options.
/// </summary>
internal sealed class ChannelNamesOptions;
