using System.Globalization;

namespace SyndicationBot.Quality;

/// <summary>Counts every page's checks per column, keeps the misses, and prints the table.</summary>
internal sealed class ScoreBoard(string heading, IReadOnlyList<string> columns)
{
    private const string AllColumn = "all";
    private const int NameWidth = 20;
    private const int CellWidth = 16;

    private readonly Dictionary<string, Tally> tallies = new(StringComparer.Ordinal);
    private readonly List<string> misses = [];

    public IReadOnlyList<string> Misses => misses;

    public Tally Column(string name) => tallies.TryGetValue(name, out var tally) ? tally : tallies[name] = new Tally();

    public void AddPage(PageExpectation page)
    {
        foreach (var tally in TalliesOf(page))
        {
            tally.AddPage();
        }
    }

    public void Count(PageExpectation page, Figure figure, bool hit, Func<string>? miss = null)
    {
        foreach (var tally in TalliesOf(page))
        {
            tally.Count(figure, hit);
        }

        if (!hit && miss is not null)
        {
            misses.Add($"{page.Name}: {figure.Name}: {miss()}");
        }
    }

    public void Body(PageExpectation page, BodyOverlap overlap)
    {
        foreach (var tally in TalliesOf(page))
        {
            tally.Body(overlap);
        }
    }

    public void Note(PageExpectation page, string text) => misses.Add($"{page.Name}: {text}");

    public void Print(TextWriter output, bool verbose)
    {
        string[] shown = [AllColumn, .. columns.Where(c => tallies.ContainsKey(c))];
        output.WriteLine(heading);
        output.Write("pages".PadRight(NameWidth));
        foreach (var column in shown)
        {
            output.Write((column + " (" + Column(column).Pages.ToString(CultureInfo.InvariantCulture) + ")").PadLeft(CellWidth));
        }

        output.WriteLine();
        foreach (var figure in Figure.All)
        {
            if (shown.All(c => Column(c).Rate(figure).Total == 0))
            {
                continue;
            }

            output.Write(figure.Name.PadRight(NameWidth));
            foreach (var column in shown)
            {
                var (hits, total) = Column(column).Rate(figure);
                var cell = total == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * hits / total:0.0}% {hits}/{total}");
                output.Write(cell.PadLeft(CellWidth));
            }

            output.WriteLine();
        }

        PrintBody(output, shown, "body precision", o => o.Precision);
        PrintBody(output, shown, "body recall", o => o.Recall);
        PrintBody(output, shown, "body F1", o => o.F1);
        if (verbose)
        {
            output.WriteLine();
            output.WriteLine(misses.Count == 0 ? "no misses" : "misses:");
            foreach (var miss in misses)
            {
                output.WriteLine("  " + miss);
            }
        }

        output.WriteLine();
    }

    private void PrintBody(TextWriter output, string[] shown, string name, Func<BodyOverlap, double> value)
    {
        if (shown.All(c => Column(c).Bodies.Count == 0))
        {
            return;
        }

        output.Write(name.PadRight(NameWidth));
        foreach (var column in shown)
        {
            var bodies = Column(column).Bodies;
            var cell = bodies.Count == 0 ? "–" : bodies.Average(value).ToString("0.000", CultureInfo.InvariantCulture);
            output.Write(cell.PadLeft(CellWidth));
        }

        output.WriteLine();
    }

    private IEnumerable<Tally> TalliesOf(PageExpectation page)
    {
        yield return Column(AllColumn);
        foreach (var group in page.Groups)
        {
            yield return Column(group);
        }
    }
}
