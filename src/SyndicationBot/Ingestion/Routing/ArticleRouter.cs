using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Text;

namespace SyndicationBot.Ingestion.Routing;

/// <summary>
/// Decides which enabled channels an article goes to (<see cref="RoutingOptions"/>), and says why for each, or
/// why none: pure, so <c>preview</c> shows exactly what the ingestor will do.
/// </summary>
internal sealed class ArticleRouter(IOptions<RoutingOptions> options, IHostEnvironment environment)
{
    private const CompareOptions Loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace | CompareOptions.IgnoreWidth | CompareOptions.IgnoreKanaType;

    /// <summary>Routes <paramref name="article"/> (from feed <paramref name="feed"/>, or a file when null) among the <paramref name="enabled"/> channel ids.</summary>
    public RouteDecision Route(Article article, string? feed, IReadOnlyCollection<string> enabled)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(enabled);
        var routing = options.Value;
        if (!routing.IsConfigured)
        {
            return enabled.Count == 0
                ? new RouteDecision([], "no channel is enabled")
                : new RouteDecision([.. enabled.Select(c => new RoutedChannel(c, "no routing configured: every enabled channel", Hold: false))], null);
        }

        var chosen = new Dictionary<string, RoutedChannel>(StringComparer.Ordinal);
        var misses = new List<string>();
        var disabled = new List<string>();
        for (var i = 0; i < routing.Routes.Count; i++)
        {
            var route = routing.Routes[i];
            var name = NameOf(route, i);
            if (Miss(route, article, feed) is { } miss)
            {
                misses.Add($"{name}: {miss}");
                continue;
            }

            Add(route.Channels, $"{name}: {Because(route)}", route.Approval == ApprovalMode.Hold);
        }

        if (chosen.Count == 0 && disabled.Count == 0 && routing.Default.Count > 0)
        {
            Add(routing.Default, "default route (no rule matched)", routing.DefaultApproval == ApprovalMode.Hold);
        }

        if (chosen.Count > 0)
        {
            return new RouteDecision([.. chosen.Values], null);
        }

        var reason = disabled.Count > 0
            ? $"its routes send it only to channels that are not enabled ({string.Join(", ", disabled.Distinct(StringComparer.Ordinal))})"
            : $"no route sends it anywhere and there is no default route (Routing:Default): {string.Join("; ", misses)}";
        return new RouteDecision([], reason);

        void Add(IEnumerable<string> channels, string because, bool hold)
        {
            foreach (var channel in channels.Select(c => c.Trim().ToLowerInvariant()))
            {
                if (!enabled.Contains(channel, StringComparer.Ordinal))
                {
                    disabled.Add(channel);
                }
                else if (chosen.TryGetValue(channel, out var earlier))
                {
                    // Sent there by several rules: one holding it is enough to hold it.
                    chosen[channel] = earlier with { Because = $"{earlier.Because}; {because}", Hold = earlier.Hold || hold };
                }
                else
                {
                    chosen[channel] = new RoutedChannel(channel, because, hold);
                }
            }
        }
    }

    /// <summary>The name a rule is shown by: its <c>Name</c>, or <c>route N</c>.</summary>
    public static string NameOf(RouteOptions route, int index) =>
        string.IsNullOrWhiteSpace(route.Name) ? $"route {index}" : $"route '{route.Name}'";

    // Null when every condition holds; else the first that does not, in words.
    private string? Miss(RouteOptions route, Article article, string? feed)
    {
        if (route.Sources.Count > 0 && !route.Sources.Any(s => FromSource(s, article, feed)))
        {
            return $"wants source {string.Join(" or ", route.Sources)} (it came from {(feed is null ? article.Source : "feed " + feed)})";
        }

        if (route.Languages.Count > 0 && !route.Languages.Contains(article.Language, StringComparer.OrdinalIgnoreCase))
        {
            return $"wants language {string.Join(" or ", route.Languages)} (it is {article.Language})";
        }

        if (route.Tags.Count > 0 && !route.Tags.Any(t => article.Tags.Contains(t.Trim(), StringComparer.OrdinalIgnoreCase)))
        {
            return $"wants tag {string.Join(" or ", route.Tags)} (it has {(article.Tags.Count == 0 ? "none" : string.Join(", ", article.Tags))})";
        }

        var text = Headline(article);
        if (route.Include.Count > 0 && !route.Include.Any(k => Contains(text, k)))
        {
            return $"wants one of the words {string.Join(", ", route.Include.Select(k => $"'{k}'"))} in the headline or lead";
        }

        if (route.Exclude.FirstOrDefault(k => Contains(text, k)) is { } excluded)
        {
            return $"excludes the word '{excluded}', which the headline or lead has";
        }

        return null;
    }

    private static string Because(RouteOptions route)
    {
        var parts = new List<string>();
        if (route.Sources.Count > 0)
        {
            parts.Add($"source {string.Join(" or ", route.Sources)}");
        }

        if (route.Languages.Count > 0)
        {
            parts.Add($"language {string.Join(" or ", route.Languages)}");
        }

        if (route.Tags.Count > 0)
        {
            parts.Add($"tag {string.Join(" or ", route.Tags)}");
        }

        if (route.Include.Count > 0)
        {
            parts.Add($"one of {string.Join(", ", route.Include.Select(k => $"'{k}'"))}");
        }

        if (route.Exclude.Count > 0)
        {
            parts.Add($"none of {string.Join(", ", route.Exclude.Select(k => $"'{k}'"))}");
        }

        return parts.Count == 0 ? "every article" : string.Join(", ", parts);
    }

    private bool FromSource(string source, Article article, string? feed)
    {
        source = source.Trim();
        if (feed is not null)
        {
            return string.Equals(source, feed, StringComparison.OrdinalIgnoreCase);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(article.Source, environment.ContentRootPath));
        if (directory is null)
        {
            return false;
        }

        if (source.Contains('/', StringComparison.Ordinal) || source.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(source, environment.ContentRootPath));
            return directory == folder || directory.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        }

        // A bare name: any folder of the file's path (fr matches seeds/fr/page.txt and seeds/fr/2026/page.txt).
        return directory.Split(Path.DirectorySeparatorChar).Contains(source, StringComparer.OrdinalIgnoreCase);
    }

    // The headline and the lead (the first paragraph): where a desk decides what a story is about.
    private static string Headline(Article article) =>
        article.Paragraphs.Count > 0 ? article.Title + "\n" + article.Paragraphs[0] : article.Title;

    // Whole words, case, accents and width ignored ("Maroc" finds "MAROC" and "maroc", not "marocain"); a keyword
    // of CJK letters is found anywhere, since those scripts do not separate words by spaces.
    internal static bool Contains(string text, string keyword)
    {
        keyword = keyword.Trim();
        if (keyword.Length == 0)
        {
            return false;
        }

        var compare = CultureInfo.InvariantCulture.CompareInfo;
        var from = 0;
        while (from < text.Length)
        {
            var found = compare.IndexOf(text.AsSpan(from), keyword, Loose, out var length);
            if (found < 0)
            {
                return false;
            }

            var at = from + found;
            var end = at + length;
            if (Bounded(text, at - 1, keyword[0]) && Bounded(text, end, keyword[^1]))
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }

    private static bool Bounded(string text, int neighbour, char edge) =>
        neighbour < 0 || neighbour >= text.Length || Cjk.IsLetter(edge) || !char.IsLetterOrDigit(text[neighbour]);
}
