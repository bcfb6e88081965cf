namespace SyndicationBot.Channels;

/// <summary>
/// Nothing to set: stands for the accounts under <c>Channels:</c>, so <see cref="ChannelAccountsValidator"/> runs
/// at start-up with the other options.
/// </summary>
internal sealed class ChannelAccountsOptions;
