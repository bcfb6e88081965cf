using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Posts;

namespace SyndicationBot.Channels;

/// <summary>
/// Everything the bot knows about one network, written once in the network's folder (<c>XNetwork.Descriptor</c>)
/// and listed once in <see cref="Networks.All"/>. The post format feeds <c>Posts/</c> (composer, length limit,
/// template validation), the limit feeds the resilience pipeline, the guarantee feeds the channel and the
/// dispatcher's recovery, <see cref="AddChannel"/> registers the client. Every part is <c>required</c>: a network
/// that forgets one does not compile.
/// </summary>
internal sealed record NetworkDescriptor
{
    /// <summary>The channel name: <see cref="IChannel.Name"/>, <see cref="IPostComposer.Channel"/>, the configuration key.</summary>
    public string Name => Post.Channel;

    /// <summary>Length rule, limit, default template, rendering and any network-specific finishing of the draft.</summary>
    public required PostFormat Post { get; init; }

    /// <summary>The documented publish limit the pipeline keeps to before the network refuses (overridable in configuration).</summary>
    public required ProactiveLimit Limit { get; init; }

    /// <summary>What the network guarantees when a post is sent again after an unknown outcome.</summary>
    public required DeliveryGuarantee Guarantee { get; init; }

    /// <summary>Registers the client of one account (options, validators, HTTP client) as an <see cref="IChannel"/> named by the account's id.</summary>
    public required Func<IServiceCollection, ChannelAccount, IServiceCollection> AddChannel { get; init; }
}
