using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace SyndicationBot.Channels;

/// <summary>
/// The accounts configured under <c>Channels:</c>: every <c>Channels:&lt;id&gt;</c> with a <c>Network</c> key, plus
/// the default account of every network (its section named after the network, present or not, as before accounts:
/// the outbox is on by default, the others off). Read once from configuration when the host is built; what cannot
/// be an account is kept in <see cref="Problems"/>, which stop start-up naming the key (<see cref="ChannelAccountsValidator"/>).
/// </summary>
internal sealed partial class ChannelAccounts
{
    /// <summary>The key of a section that names its network.</summary>
    public const string NetworkKey = "Network";

    private readonly Dictionary<string, ChannelAccount> _byId;

    public ChannelAccounts(IReadOnlyList<ChannelAccount> all, IReadOnlyList<string> problems)
    {
        All = all;
        Problems = problems;
        _byId = all.ToDictionary(a => a.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every account, default accounts first in <see cref="Networks.All"/> order, then the others by network and id.</summary>
    public IReadOnlyList<ChannelAccount> All { get; }

    /// <summary>Sections under <c>Channels:</c> that are no account, each message naming the key.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Only the default accounts: the graph of a host without configuration.</summary>
    public static ChannelAccounts Defaults { get; } = new([.. Networks.All.Select(ChannelAccount.Default)], []);

    /// <summary>The account with this id (case-insensitive, as configuration keys are), or null.</summary>
    public ChannelAccount? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The network of channel <paramref name="id"/>: its account's, or the network of that name (a test double's channel), or null.</summary>
    public NetworkDescriptor? NetworkOf(string id) => Find(id)?.Network ?? Networks.Find(id);

    /// <summary>The network name of channel <paramref name="id"/> straight from configuration, for options configured per channel name.</summary>
    public static string NetworkNameOf(IConfiguration configuration, string id)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var named = configuration[$"Channels:{id}:{NetworkKey}"];
        return string.IsNullOrWhiteSpace(named) ? id : named.Trim();
    }

    /// <summary>Reads the accounts from <c>Channels:</c>.</summary>
    public static ChannelAccounts Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var known = string.Join(", ", Networks.All.Select(n => n.Name).Order(StringComparer.Ordinal));
        var problems = new List<string>();
        var named = new List<ChannelAccount>();
        foreach (var section in configuration.GetSection("Channels").GetChildren())
        {
            var networkName = section[NetworkKey];
            if (string.IsNullOrWhiteSpace(networkName))
            {
                if (Networks.Find(section.Key) is null)
                {
                    problems.Add($"{section.Path}: '{section.Key}' is not a channel: name its network with {section.Path}:{NetworkKey} (one of {known}), or use a network's name as the section; the known networks are {known}.");
                }

                continue;
            }

            if (Networks.Find(networkName.Trim()) is not { } network)
            {
                problems.Add($"{section.Path}:{NetworkKey}: '{networkName}' is not a network; the known networks are {known}.");
                continue;
            }

            var id = section.Key.ToLowerInvariant();
            var other = Networks.Find(id);
            if (!IdPattern().IsMatch(id))
            {
                problems.Add($"{section.Path}: '{section.Key}' cannot be a channel id: use lower-case letters, digits, '-' and '_' (it is stored in the ledger and shown in URLs).");
            }
            else if (other is not null && other != network)
            {
                problems.Add($"{section.Path}:{NetworkKey}: the channel '{id}' is the {other.Name} network's own account and cannot post to {network.Name}; give the {network.Name} account another id.");
            }
            else if (other is null)
            {
                named.Add(new ChannelAccount(id, network));
            }
        }

        List<ChannelAccount> all = [.. Networks.All.Select(ChannelAccount.Default)];
        all.AddRange(named.OrderBy(a => Networks.Order(a.Network.Name)).ThenBy(a => a.Id, StringComparer.Ordinal));
        return new ChannelAccounts(all, problems);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
