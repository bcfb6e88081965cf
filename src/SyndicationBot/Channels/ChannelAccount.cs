using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels;

/// <summary>
/// One account on one network: the channel the ledger, the schedule, the limits, the metrics and the verbs key on.
/// <c>Channels:&lt;Id&gt;</c> with <c>Network</c> names one; a section named after a network without a
/// <c>Network</c> key (the settings of one account per network) is that network's <em>default account</em>, whose id
/// is the network's name, so a ledger written before accounts existed keeps its channel names.
/// </summary>
/// <param name="Id">The channel id: lower-case, as stored in the ledger.</param>
/// <param name="Network">The network it posts to.</param>
internal sealed record ChannelAccount(string Id, NetworkDescriptor Network)
{
    /// <summary>True for the network's own account (id = network name): its options are the unnamed ones, as before accounts.</summary>
    public bool IsDefault => string.Equals(Id, Network.Name, StringComparison.Ordinal);

    /// <summary>The name of this account's options (<see cref="Options.DefaultName"/> for the default account).</summary>
    public string OptionsName => IsDefault ? Options.DefaultName : Id;

    /// <summary>The account's configuration section: the network's own section for the default account, else <c>Channels:&lt;Id&gt;</c>.</summary>
    public string Section(string defaultSection) => IsDefault ? defaultSection : $"Channels:{Id}";

    /// <summary>The account's own named HTTP client for the client the channel asks for (its base URL and handlers are the account's).</summary>
    public string ClientName(string name) => IsDefault ? name : $"{name}@{Id}";

    /// <summary>The conventional secret file name under <c>/run/secrets</c>: <c>x_access_token</c>, and <c>x-fr_access_token</c> for account <c>x-fr</c>.</summary>
    public string SecretName(string networkSecretName) =>
        IsDefault || !networkSecretName.StartsWith(Network.Name + "_", StringComparison.Ordinal)
            ? networkSecretName
            : Id + networkSecretName[Network.Name.Length..];

    /// <summary>The default account of <paramref name="network"/>.</summary>
    public static ChannelAccount Default(NetworkDescriptor network) => new(network.Name, network);
}
