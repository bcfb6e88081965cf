using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Posts;

namespace SyndicationBot.Channels;

/// <summary>Registers every network and every account; each channel is used only when its <c>Channels:&lt;id&gt;:Enabled</c> is true.</summary>
internal static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// Adds every network of <see cref="Networks.All"/> (its post format and composer) and one channel per account
    /// of <paramref name="configuration"/> (<see cref="ChannelAccounts.Read"/>): the default account of each network,
    /// and each <c>Channels:&lt;id&gt;</c> that names its <c>Network</c>.
    /// </summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        var accounts = ChannelAccounts.Read(configuration);
        services.AddSingleton(accounts);
        services.AddOptionsWithValidateOnStart<ChannelAccountsOptions>();
        services.AddSingleton<IValidateOptions<ChannelAccountsOptions>, ChannelAccountsValidator>();
        foreach (var network in Networks.All)
        {
            services.AddPostFormat(network.Post);
        }

        foreach (var account in accounts.All)
        {
            account.Network.AddChannel(services, account);
        }

        // Last: wraps every channel registered above in its resilience pipeline.
        services.AddChannelResilience();
        return services;
    }

    /// <summary>Adds only the post formats and composers of every network: the Posts graph without any channel.</summary>
    internal static IServiceCollection AddNetworkPostFormats(this IServiceCollection services)
    {
        foreach (var network in Networks.All)
        {
            services.AddPostFormat(network.Post);
        }

        return services;
    }

    internal static IServiceCollection AddNetwork(this IServiceCollection services, NetworkDescriptor network)
    {
        ArgumentNullException.ThrowIfNull(network);
        services.AddPostFormat(network.Post);
        network.AddChannel(services, ChannelAccount.Default(network));
        return services;
    }

    /// <summary>
    /// Binds one account's options (section <see cref="ChannelAccount.Section"/>, named <see cref="ChannelAccount.OptionsName"/>),
    /// validated at start-up by the network's <paramref name="validators"/>, each failure naming the account's key;
    /// a named account reads its secrets from its own files (<see cref="AccountSecretFiles{TOptions}"/>).
    /// </summary>
    internal static OptionsBuilder<TOptions> AddAccountOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(
        this IServiceCollection services, ChannelAccount account, string defaultSection, params IEnumerable<IValidateOptions<TOptions>> validators)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(account);
        var builder = services.AddOptionsWithValidateOnStart<TOptions>(account.OptionsName).BindConfiguration(account.Section(defaultSection));
        foreach (var validator in validators)
        {
            services.AddSingleton<IValidateOptions<TOptions>>(new AccountOptionsValidator<TOptions>(account, defaultSection, validator));
        }

        if (!account.IsDefault)
        {
            services.AddSingleton<IPostConfigureOptions<TOptions>>(new AccountSecretFiles<TOptions>(account));
        }

        return builder;
    }

    /// <summary>The options of <paramref name="account"/>, read when first used.</summary>
    internal static IOptions<TOptions> GetAccountOptions<TOptions>(this IServiceProvider services, ChannelAccount account)
        where TOptions : class =>
        new AccountOptions<TOptions>(services.GetRequiredService<IOptionsMonitor<TOptions>>(), account);

    /// <summary>The HTTP client factory a channel of <paramref name="account"/> asks for its clients.</summary>
    internal static IHttpClientFactory GetAccountHttpClients(this IServiceProvider services, ChannelAccount account) =>
        account.IsDefault
            ? services.GetRequiredService<IHttpClientFactory>()
            : new AccountHttpClientFactory(services.GetRequiredService<IHttpClientFactory>(), account);

    /// <summary>
    /// Registers the channel of <paramref name="account"/> as an <see cref="IChannel"/>, built with
    /// <paramref name="arguments"/> (the account and its options, clients…; the rest from the container). The default
    /// account's channel is also the container's <typeparamref name="TChannel"/>; a named account's is keyed by its id.
    /// </summary>
    internal static IServiceCollection AddAccountChannel<TChannel>(this IServiceCollection services, ChannelAccount account, Func<IServiceProvider, object[]> arguments)
        where TChannel : class, IChannel
    {
        ArgumentNullException.ThrowIfNull(account);
        TChannel Create(IServiceProvider provider) => ActivatorUtilities.CreateInstance<TChannel>(provider, arguments(provider));
        if (account.IsDefault)
        {
            services.TryAddSingleton(Create);
            services.AddSingleton<IChannel>(provider => provider.GetRequiredService<TChannel>());
        }
        else
        {
            services.AddKeyedSingleton(account.Id, (provider, _) => Create(provider));
            services.AddSingleton<IChannel>(provider => provider.GetRequiredKeyedService<TChannel>(account.Id));
        }

        return services;
    }

    /// <summary>The channel of <paramref name="account"/> (for a network's own services that need it).</summary>
    internal static TChannel GetAccountChannel<TChannel>(this IServiceProvider services, ChannelAccount account)
        where TChannel : class, IChannel =>
        account.IsDefault ? services.GetRequiredService<TChannel>() : services.GetRequiredKeyedService<TChannel>(account.Id);
}
