namespace SyndicationBot.Posts.Text;

/// <summary>Code points <see cref="Start"/> to <see cref="End"/> (inclusive) weigh <see cref="Weight"/>.</summary>
internal sealed record TwitterTextWeightRange(int Start, int End, int Weight);
