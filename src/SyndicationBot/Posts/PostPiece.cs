namespace SyndicationBot.Posts;

/// <summary>One piece of a laid-out post: its kind and its plain text.</summary>
internal readonly record struct PostPiece(TemplateField Field, string Text);
