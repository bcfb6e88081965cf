using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels;

/// <summary>One account's options as the channel's <see cref="IOptions{TOptions}"/>: read (and validated) when first used, as before.</summary>
internal sealed class AccountOptions<TOptions>(IOptionsMonitor<TOptions> monitor, ChannelAccount account) : IOptions<TOptions>
    where TOptions : class
{
    public TOptions Value => monitor.Get(account.OptionsName);
}
