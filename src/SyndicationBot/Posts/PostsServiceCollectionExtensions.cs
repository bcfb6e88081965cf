using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyndicationBot.Configuration;

namespace SyndicationBot.Posts;

/// <summary>Registers the composition every network shares, and one network's post format.</summary>
internal static class PostsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the shared composition, the channel limits and the options of section <c>Posts</c>, validated at
    /// start-up. The composers come from the networks (<c>AddChannels()</c> registers one per network).
    /// </summary>
    public static IServiceCollection AddPosts(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<PostsOptions>().BindConfiguration(PostsOptions.SectionName).ValidateElementsWithKeys(PostsOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostsOptions>, PostsOptionsValidator>());
        services.TryAddSingleton<ChannelLimits>();
        services.TryAddSingleton<PostComposition>();
        return services;
    }

    /// <summary>Adds one network's format and its <see cref="IPostComposer"/> (resolve all as <c>IEnumerable&lt;IPostComposer&gt;</c>).</summary>
    internal static IServiceCollection AddPostFormat(this IServiceCollection services, PostFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        services.AddSingleton(format);
        services.AddSingleton<IPostComposer>(sp => new PostComposer(format, sp.GetRequiredService<PostComposition>(), sp.GetRequiredService<ChannelLimits>()));
        return services;
    }
}
