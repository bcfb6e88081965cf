namespace SyndicationBot.Posts;

/// <summary>What a post is made from, already prepared for the channel (mentions defused, hashtags formatted).</summary>
internal sealed record PostMaterial(string Title, IReadOnlyList<string> Sentences, string UrlText, IReadOnlyList<string> Hashtags);
