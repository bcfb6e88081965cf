namespace SyndicationBot.Quality;

/// <summary>
/// Bag-of-words overlap between the body the reader kept and a reference body: precision is the share of the
/// kept words that are in the reference, recall the share of the reference that was kept (each word counted as
/// many times as it occurs in both, at most). Nothing kept against a non-empty reference scores 0 on all three.
/// </summary>
internal readonly record struct BodyOverlap(double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static BodyOverlap Of(IEnumerable<string> got, IEnumerable<string> reference)
    {
        var wanted = new Dictionary<string, int>(StringComparer.Ordinal);
        var referenceCount = 0;
        foreach (var token in reference)
        {
            wanted[token] = wanted.GetValueOrDefault(token) + 1;
            referenceCount++;
        }

        var gotCount = 0;
        var common = 0;
        foreach (var token in got)
        {
            gotCount++;
            if (wanted.TryGetValue(token, out var left) && left > 0)
            {
                wanted[token] = left - 1;
                common++;
            }
        }

        if (referenceCount == 0)
        {
            return new BodyOverlap(gotCount == 0 ? 1 : 0, 1);
        }

        return gotCount == 0 ? new BodyOverlap(0, 0) : new BodyOverlap((double)common / gotCount, (double)common / referenceCount);
    }
}
