using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;

namespace SyndicationBot.Hosting;

/// <summary>
/// A channel name nobody knows under <c>Channels:</c>, <c>Schedule:Channels:</c> or <c>Posts:Channels:</c> is a typo
/// whose settings would silently apply to nothing (<c>Schedule:Channels:mastadon:MaxPerDay</c>): stop start-up and
/// list the known names.
/// </summary>
internal sealed class ChannelNamesValidator(IConfiguration configuration) : IValidateOptions<ChannelNamesOptions>
{
    // Under Channels: only the networks; everything else (Resilience, …) lives inside one network's section.
    private static readonly string[] Sections = ["Channels", "Schedule:Channels", "Posts:Channels"];

    public ValidateOptionsResult Validate(string? name, ChannelNamesOptions options)
    {
        var known = Networks.All.Select(network => network.Name).Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        foreach (var section in Sections)
        {
            foreach (var child in configuration.GetSection(section).GetChildren())
            {
                if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{child.Path}: '{child.Key}' is not a channel; the known channels are {string.Join(", ", known)}.");
                }
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
