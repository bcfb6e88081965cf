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
}
