using Microsoft.Extensions.Options;
using SyndicationBot.Channels;

namespace SyndicationBot.Ingestion.Routing;

/// <summary>Stops start-up, naming the key, for a rule that names no channel or one that does not exist.</summary>
internal sealed class RoutingOptionsValidator(ChannelAccounts accounts) : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var known = string.Join(", ", accounts.All.Select(a => a.Id));
        var problems = new List<string>();
        for (var i = 0; i < options.Routes.Count; i++)
        {
            var route = options.Routes[i];
            if (route.Channels.Count == 0)
            {
                problems.Add($"{RoutingOptions.SectionName}:Routes:{i}:Channels: the rule sends articles nowhere; list the channels it sends to (known channels: {known}).");
            }

            Check(route.Channels, $"{RoutingOptions.SectionName}:Routes:{i}:Channels");
        }

        Check(options.Default, $"{RoutingOptions.SectionName}:Default");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

        void Check(IList<string> channels, string key)
        {
            for (var j = 0; j < channels.Count; j++)
            {
                if (accounts.Find(channels[j].Trim()) is null)
                {
                    problems.Add($"{key}:{j}: '{channels[j]}' is not a channel; the known channels are {known}.");
                }
            }
        }
    }
}
