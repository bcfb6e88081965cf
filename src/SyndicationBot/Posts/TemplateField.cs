namespace SyndicationBot.Posts;

/// <summary>What a piece of a post is, so a channel can style it (Telegram bolds the title and links the URL).</summary>
internal enum TemplateField
{
    Literal,
    Title,
    Summary,
    Url,
    Hashtags,
}
