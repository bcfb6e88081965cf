namespace SyndicationBot.Posts.Text;

/// <summary>twitter-text's parseTweet result; ranges are inclusive UTF-16 indices into the original text.</summary>
internal readonly record struct TweetLength(
    int WeightedLength,
    bool Valid,
    int Permillage,
    int DisplayRangeStart,
    int DisplayRangeEnd,
    int ValidRangeStart,
    int ValidRangeEnd);
