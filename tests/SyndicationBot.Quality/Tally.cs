namespace SyndicationBot.Quality;

/// <summary>The counts of one column of the score board (one group of pages).</summary>
internal sealed class Tally
{
    private readonly Dictionary<Figure, (int Hits, int Total)> rates = [];
    private readonly List<BodyOverlap> bodies = [];

    public int Pages { get; private set; }

    public IReadOnlyList<BodyOverlap> Bodies => bodies;

    public void AddPage() => Pages++;

    public void Count(Figure figure, bool hit)
    {
        var (hits, total) = rates.GetValueOrDefault(figure);
        rates[figure] = (hits + (hit ? 1 : 0), total + 1);
    }

    public void Body(BodyOverlap overlap) => bodies.Add(overlap);

    public (int Hits, int Total) Rate(Figure figure) => rates.GetValueOrDefault(figure);
}
