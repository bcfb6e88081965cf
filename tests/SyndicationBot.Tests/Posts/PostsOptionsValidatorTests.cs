using SyndicationBot.Channels;
using SyndicationBot.Posts;
using Xunit;

namespace SyndicationBot.Tests.Posts;

public sealed class PostsOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        // Arrange
        var target = new PostsOptionsValidator(Networks.All.Select(n => n.Post));

        // Act
        var result = target.Validate(null, new PostsOptions());

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_EveryKindOfMistake_ListsEachWithItsKey()
    {
        // Arrange
        var target = new PostsOptionsValidator(Networks.All.Select(n => n.Post));
        var options = new PostsOptions();
        options.Channels["x"] = new ChannelPostOptions { Template = "{title} {summary}" };
        options.Channels["telegram"] = new ChannelPostOptions { Template = "{titre} {url}", Thread = new ThreadOptions { MaxPosts = 1 } };
        options.Channels["myspace"] = new ChannelPostOptions();
        options.Channels["mastodon"] = new ChannelPostOptions { MaxHashtags = 11 };

        // Act
        var result = target.Validate(null, options);

        // Assert
        Assert.Equal(
            "Posts:Channels:x:Template: must contain {url}, the only place this network carries the article link.; "
            + "Posts:Channels:telegram:Template: unknown placeholder '{titre}' (known: {title}, {summary}, {url}, {hashtags}).; "
            + "Posts:Channels:telegram:Thread:MaxPosts: must be between 2 and 25, was 1.; "
            + "Posts:Channels:myspace: unknown channel 'myspace' (known: x, mastodon, bluesky, telegram, facebook, webhook, outbox).; "
            + "Posts:Channels:mastodon:MaxHashtags: must be between 0 and 10, was 11.",
            result.FailureMessage);
    }
}
