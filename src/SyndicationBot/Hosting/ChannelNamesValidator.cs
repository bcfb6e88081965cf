using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;

namespace SyndicationBot.Hosting;

/// <summary>
/// A channel name nobody knows under <c>Schedule:Channels:</c> or <c>Posts:Channels:</c> is a typo whose settings
/// would silently apply to nothing (<c>Schedule:Channels:mastadon:MaxPerDay</c>): stop start-up and list the known
/// names. Schedules are per channel (account id); post templates are per network, shared by its accounts.
/// The sections under <c>Channels:</c> themselves are checked by <see cref="ChannelAccountsValidator"/>.
/// </summary>
internal sealed class ChannelNamesValidator(IConfiguration configuration, ChannelAccounts accounts) : IValidateOptions<ChannelNamesOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelNamesOptions options)
    {
        var channels = accounts.All.Select(account => account.Id).Order(StringComparer.Ordinal).ToList();
        var networks = Networks.All.Select(network => network.Name).Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        Check("Schedule:Channels", channels, "the known channels are");
        Check("Posts:Channels", networks, "post settings are per network, shared by its accounts; the known networks are");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

        void Check(string section, List<string> known, string what)
        {
            foreach (var child in configuration.GetSection(section).GetChildren())
            {
                if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{child.Path}: '{child.Key}' is not a channel; {what} {string.Join(", ", known)}.");
                }
            }
        }
    }
}
