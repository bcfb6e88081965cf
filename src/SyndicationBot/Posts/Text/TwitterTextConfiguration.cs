namespace SyndicationBot.Posts.Text;

/// <summary>A twitter-text length configuration (config/v2.json, config/v3.json).</summary>
internal sealed record TwitterTextConfiguration(
    int MaxWeightedTweetLength,
    int Scale,
    int DefaultWeight,
    bool EmojiParsingEnabled,
    int TransformedUrlLength,
    TwitterTextWeightRange[] Ranges)
{
    private static readonly TwitterTextWeightRange[] StandardRanges =
    [
        new(0, 4351, 100),
        new(8192, 8205, 100),
        new(8208, 8223, 100),
        new(8242, 8247, 100),
    ];

    public static TwitterTextConfiguration Version2 { get; } = new(280, 100, 200, false, 23, StandardRanges);

    public static TwitterTextConfiguration Version3 { get; } = new(280, 100, 200, true, 23, StandardRanges);

    public int WeightOf(char c)
    {
        // The first range (code points 0 to 4351 in the published configurations) decides nearly every character.
        var first = Ranges.Length > 0 ? Ranges[0] : null;
        return first is not null && c >= first.Start && c <= first.End ? first.Weight : WeightOfRest(c);
    }

    private int WeightOfRest(char c)
    {
        var ranges = Ranges;
        for (int i = 1; i < ranges.Length; i++)
        {
            if (c >= ranges[i].Start && c <= ranges[i].End)
            {
                return ranges[i].Weight;
            }
        }

        return DefaultWeight;
    }
}
