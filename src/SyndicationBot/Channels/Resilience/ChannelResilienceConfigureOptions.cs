using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Resilience;

/// <summary>The defaults of the channel's network (an account's <c>Network</c>) first, then <c>Channels:{Name}:Resilience</c> (configuration keys are case-insensitive).</summary>
internal sealed class ChannelResilienceConfigureOptions(IConfiguration configuration) : IConfigureNamedOptions<ChannelResilienceOptions>
{
    public void Configure(string? name, ChannelResilienceOptions options)
    {
        name ??= Options.DefaultName;
        ChannelResilienceDefaults.Apply(ChannelAccounts.NetworkNameOf(configuration, name), options);
        configuration.GetSection($"Channels:{name}:Resilience").Bind(options);
    }

    public void Configure(ChannelResilienceOptions options) => Configure(Options.DefaultName, options);
}
