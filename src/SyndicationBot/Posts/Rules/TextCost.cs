namespace SyndicationBot.Posts.Rules;

/// <summary>An additive estimate of a text's length under a rule: its units, and its UTF-8 bytes where the rule caps them.</summary>
internal readonly record struct TextCost(int Units, int Bytes)
{
    public TextCost Plus(TextCost other) => new(Units + other.Units, Bytes + other.Bytes);

    public TextCost Times(int count) => new(Units * count, Bytes * count);
}
