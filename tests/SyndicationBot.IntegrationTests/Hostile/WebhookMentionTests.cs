using System.Text.Json.Nodes;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Webhook;
using SyndicationBot.Posts;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>Article text is not ours: a post relayed to Discord or Slack must never ping a whole server or channel.</summary>
public sealed class WebhookMentionTests
{
    private static OutgoingPost Post(string text) => new(
        7,
        "article-7:webhook",
        1,
        new PostDraft("webhook", text, text.Length, 2000) { Title = "Strike at the port", Language = "en", Link = new Uri("https://news.example.com/7") });

    [Theory]
    [InlineData("Dockers tell @everyone to stay home")]
    [InlineData("Union leaders: @here, the strike starts now")]
    [InlineData("A message to <@123456789012345678> and <@&987654321098765432>")]
    public void Serialize_DiscordPostWithMentionsInTheText_AllowsNoMentions(string text)
    {
        // Act
        var body = JsonNode.Parse(WebhookChannel.Serialize(Post(text), WebhookFormat.Discord))!;

        // Assert: the text is relayed as written, and Discord is told to ping no one.
        Assert.Equal(text, (string?)body["content"]);
        var parse = Assert.IsType<JsonArray>(body["allowed_mentions"]?["parse"]);
        Assert.Empty(parse);
        Assert.Null(body["allowed_mentions"]!["users"]);
        Assert.Null(body["allowed_mentions"]!["roles"]);
    }

    [Theory]
    [InlineData("Union leaders to <!everyone>: stay home", "Union leaders to &lt;!everyone&gt;: stay home")]
    [InlineData("<!here> the strike starts now", "&lt;!here&gt; the strike starts now")]
    [InlineData("Told <!channel> and <@U024BE7LH>", "Told &lt;!channel&gt; and &lt;@U024BE7LH&gt;")]
    [InlineData("Fish & chips <b>", "Fish &amp; chips &lt;b&gt;")]
    public void Serialize_SlackPostWithControlSequences_EscapesThem(string text, string expected)
    {
        // Act
        var body = JsonNode.Parse(WebhookChannel.Serialize(Post(text), WebhookFormat.Slack))!;

        // Assert
        Assert.Equal(expected, (string?)body["text"]);
    }
}
