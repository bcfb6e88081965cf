using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Publishing.Budget;

/// <summary>Binds <c>Channels:{channel}:Budget</c> to the options named by the channel id.</summary>
internal sealed class ChannelBudgetConfigureOptions(IConfiguration configuration) : IConfigureNamedOptions<ChannelBudgetOptions>
{
    public void Configure(string? name, ChannelBudgetOptions options) =>
        configuration.GetSection($"Channels:{name ?? Options.DefaultName}:Budget").Bind(options);

    public void Configure(ChannelBudgetOptions options) => Configure(Options.DefaultName, options);
}
