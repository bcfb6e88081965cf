namespace SyndicationBot.Posts.Rules;

/// <summary>A network's length rule, applied to the post's visible plain text.</summary>
internal interface ILengthRule
{
    /// <summary>The limit in the rule's unit.</summary>
    int Limit { get; }

    /// <summary>The length of <paramref name="text"/> as the network counts it.</summary>
    int Measure(string text);

    /// <summary>Whether the network accepts <paramref name="text"/> (some rules check more than one measure).</summary>
    bool Fits(string text);

    /// <summary>The cost of a piece of a post; pieces separated by whitespace add up to the post's cost.</summary>
    TextCost Cost(string text);

    /// <summary>Whether a post of this estimated cost is inside the rule.</summary>
    bool Within(TextCost cost);

    /// <summary>The cost of every prefix <c>text[..i]</c> (valid at word boundaries), or null when the rule cannot tell.</summary>
    TextCost[]? PrefixCosts(string text);
}
