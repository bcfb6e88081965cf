using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyndicationBot.Posts.Composers;
using SyndicationBot.Configuration;

namespace SyndicationBot.Posts;

/// <summary>Registers one post composer per channel.</summary>
public static class PostsServiceCollectionExtensions
{
    /// <summary>
    /// Adds every <see cref="IPostComposer"/> (resolve them as <c>IEnumerable&lt;IPostComposer&gt;</c>), the shared
    /// channel limits and the options of section <c>Posts</c>, validated at start-up.
    /// </summary>
    public static IServiceCollection AddPosts(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<PostsOptions>().BindConfiguration(PostsOptions.SectionName).ValidateElementsWithKeys(PostsOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostsOptions>, PostsOptionsValidator>());
        services.TryAddSingleton<ChannelLimits>();
        services.TryAddSingleton<PostComposition>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostComposer, XPostComposer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostComposer, MastodonPostComposer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostComposer, BlueskyPostComposer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostComposer, TelegramPostComposer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostComposer, FacebookPostComposer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostComposer, WebhookPostComposer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostComposer, OutboxPostComposer>());
        return services;
    }
}
