using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Articles.Text;

namespace SyndicationBot.Benchmarks;

/// <summary>
/// Reading + extraction of scraped pages, language detection included. Targets: a seed-size page in
/// under 50 µs (20,000 pages/s on one core); a 5 MB page handled in under 1 s with under 50 MB allocated.
/// </summary>
[MemoryDiagnoser]
public class ArticlesBenchmarks
{
    private ArticleLoader loader = null!;
    private byte[] seedFrench = [];
    private byte[] seedEnglish = [];
    private byte[] seedArabic = [];
    private byte[] fiveMegabytes = [];
    private byte[] seedFile = [];
    private byte[] fiveMegabyteHtml = [];
    private byte[] fiveMegabyteHtmlMarkup = [];
    private byte[] newsHtml = [];

    private const string SeedFileName = "000_939463bdcd8f7f07.txt";

    [GlobalSetup]
    public void Setup()
    {
        loader = new ArticleLoader(Options.Create(new SourcesOptions()), new LanguageIdentifier());
        seedFrench = Encoding.UTF8.GetBytes(SeedPage(
            "Hammouchi et la Chine renforcent le partenariat sécuritaire",
            "Le directeur général de la sûreté nationale a reçu lundi à Rabat l’ambassadrice de Chine au Maroc pour un entretien centré sur le renforcement du dialogue sécuritaire entre les deux pays. Cette rencontre a permis de mettre en lumière la volonté commune des deux capitales."));
        seedEnglish = Encoding.UTF8.GetBytes(SeedPage(
            "Morocco Opens Tanger Med Expansion to Double Container Capacity",
            "Morocco on Friday opened a new terminal at the Tanger Med port complex, a project officials say will double the country's container handling capacity by the end of the decade. The expansion adds quays and automated cranes designed to serve the largest vessels."));
        seedArabic = Encoding.UTF8.GetBytes(SeedPage(
            "المغرب يطلق برنامجا وطنيا لتحلية مياه البحر في المدن الساحلية",
            "أعلنت الحكومة المغربية، اليوم الجمعة، عن إطلاق برنامج وطني واسع لتحلية مياه البحر يهدف إلى تأمين حاجيات المدن الساحلية من الماء الصالح للشرب خلال السنوات المقبلة. ويشمل البرنامج بناء ست محطات جديدة."));
        fiveMegabytes = BuildFiveMegabytePage();
        fiveMegabyteHtml = BuildFiveMegabyteHtml(markupOnly: false);
        fiveMegabyteHtmlMarkup = BuildFiveMegabyteHtml(markupOnly: true);
        newsHtml = BuildNewsHtml();
        seedFile = FindSeed() is { } path ? File.ReadAllBytes(path) : seedFrench;

        // Warm the language models once, as the running service does at its first page.
        _ = loader.Load("warmup", seedFrench);
        _ = loader.Load("warmup", seedArabic);
    }

    // Typed object: the result types are internal, and BenchmarkDotNet consumes whatever is returned.
    [Benchmark(Baseline = true)]
    public object Seed() => loader.Load("seed.txt", seedFile);

    [Benchmark]
    public object SeedSizeFrench() => loader.Load("seed-fr.txt", seedFrench);

    [Benchmark]
    public object SeedSizeEnglish() => loader.Load("seed-en.txt", seedEnglish);

    [Benchmark]
    public object SeedSizeArabic() => loader.Load("seed-ar.txt", seedArabic);

    [Benchmark]
    public object FiveMegabytePage() => loader.Load("big.txt", fiveMegabytes);

    // A modern news page: megabytes of inlined CSS, SVG icons and script state around a short article.
    [Benchmark]
    public object FiveMegabyteHtml() => loader.Load("big.html", fiveMegabyteHtml);

    // The worst case for the parser: 5 MB of ordinary markup (a huge comment thread) after the article.
    [Benchmark]
    public object FiveMegabyteHtmlMarkup() => loader.Load("big-markup.html", fiveMegabyteHtmlMarkup);

    // An ordinary news page (about 90 KB): head metadata and scripts, a navigation of a hundred links, the article with a
    // figure and a list, a related-stories block and a footer. The HTML target (10 ms median) is for this one.
    [Benchmark]
    public object NewsHtmlPage() => loader.Load("news.html", newsHtml);

    // The repository's real seed page, found from the benchmark's folder upwards; a generated page of the same shape otherwise.
    private static string? FindSeed()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "seeds", SeedFileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string SeedPage(string title, string paragraph)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 75; i++)
        {
            builder.Append("-\n").Append(System.Globalization.CultureInfo.InvariantCulture, $"{22 - (i / 4):00}:{(i * 7) % 60:00}\n");
        }

        builder.Append("Sous-Rubrique\nSuivez-nous sur Facebook\n").Append(title).Append('\n');
        for (var p = 0; p < 4; p++)
        {
            builder.Append(paragraph).Append(' ').Append(p).Append('\n');
        }

        return builder.ToString();
    }

    private static byte[] BuildFiveMegabytePage()
    {
        var builder = new StringBuilder(5 * 1024 * 1024);
        builder.Append("Un titre long pour une page géante de test\n");
        var i = 0;
        while (builder.Length < (5 * 1024 * 1024) - 400)
        {
            builder.Append("Le paragraphe numéro ").Append(i++).Append(" décrit en détail la coopération entre les deux pays, les échanges d’expertise et la prévention des risques.\n");
            if (i % 10 == 0)
            {
                builder.Append("-\n12:00\nSuivez-nous sur Facebook\n");
            }
        }

        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        var end = 5 * 1024 * 1024;
        while (bytes.Length > end && bytes[end - 1] != (byte)'\n')
        {
            end--;
        }

        return bytes[..Math.Min(end, bytes.Length)];
    }

    private static byte[] BuildFiveMegabyteHtml(bool markupOnly)
    {
        const int size = 5 * 1024 * 1024;
        var builder = new StringBuilder(size + 4096);
        builder.Append("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Le port de Tanger Med double sa capacité</title>");
        builder.Append("<meta property=\"og:title\" content=\"Le port de Tanger Med double sa capacité\">");
        if (!markupOnly)
        {
            builder.Append("<style>");
            for (var i = 0; builder.Length < size / 4; i++)
            {
                builder.Append(".c").Append(i).Append("{margin:0 auto;padding:4px 8px;color:#333;font:14px/1.4 sans-serif}\n");
            }

            builder.Append("</style><script>window.__STATE__=[");
            for (var i = 0; builder.Length < size / 2; i++)
            {
                builder.Append("{\"id\":").Append(i).Append(",\"title\":\"Titre d'un autre article </p> numero ").Append(i).Append("\"},\n");
            }

            builder.Append("0];</script>");
        }

        builder.Append("</head><body><nav><a href=\"/\">Accueil</a> <a href=\"/eco\">Économie</a></nav><article><h1>Le port de Tanger Med double sa capacité</h1>");
        for (var p = 0; p < 8; p++)
        {
            builder.Append("<p>Le Maroc a inauguré vendredi un nouveau terminal au complexe portuaire de Tanger Med, un projet qui doublera la capacité de traitement des conteneurs du pays d’ici la fin de la décennie. Paragraphe ").Append(p).Append(".</p>\n");
        }

        builder.Append("</article><section class=\"comments\">");
        for (var i = 0; builder.Length < size - 2000; i++)
        {
            if (markupOnly)
            {
                builder.Append("<div class=\"comment\"><span class=\"who\">Lecteur ").Append(i).Append("</span><p>Merci pour cet article.</p></div>\n");
            }
            else
            {
                builder.Append("<svg viewBox=\"0 0 24 24\"><path d=\"M12 2L2 7l10 5 10-5-10-5zm0 13l-10-5v6l10 5 10-5v-6l-10 5z\"/></svg>\n");
            }
        }

        builder.Append("</section></body></html>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static byte[] BuildNewsHtml()
    {
        var builder = new StringBuilder(96 * 1024);
        builder.Append("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Le port de Tanger Med double sa capacité | Exemple Info</title>");
        builder.Append("<meta property=\"og:title\" content=\"Le port de Tanger Med double sa capacité\"><meta property=\"og:url\" content=\"https://www.example.ma/eco/tanger-med.html\">");
        builder.Append("<meta property=\"article:published_time\" content=\"2026-11-27T14:05:00+01:00\"><link rel=\"stylesheet\" href=\"/s.css\">");
        builder.Append("<script>window.dataLayer=window.dataLayer||[];");
        for (var i = 0; i < 300; i++)
        {
            builder.Append("dataLayer.push({event:'slot").Append(i).Append("',size:[300,250]});");
        }

        builder.Append("</script></head><body><header><div class=\"logo\"><a href=\"/\">Exemple Info</a></div><nav><ul>");
        for (var i = 0; i < 100; i++)
        {
            builder.Append("<li class=\"menu-item\"><a href=\"/rubrique-").Append(i).Append("\">Rubrique ").Append(i).Append("</a></li>");
        }

        builder.Append("</ul></nav></header><main><div class=\"breadcrumb\"><a href=\"/\">Accueil</a> › <a href=\"/eco\">Économie</a></div>");
        builder.Append("<article class=\"post\"><h1 class=\"entry-title\">Le port de Tanger Med double sa capacité</h1><div class=\"byline\">Par Karim Benali | 27 novembre 2026 à 14h05</div>");
        builder.Append("<figure><img src=\"/img/port.jpg\" alt=\"Le port\"><figcaption>Le nouveau terminal. Photo : AFP</figcaption></figure><div class=\"entry-content\">");
        for (var p = 0; p < 12; p++)
        {
            builder.Append("<p>Le Maroc a inauguré vendredi un nouveau terminal au complexe portuaire de Tanger Med, un projet qui doublera la capacité de traitement des conteneurs du pays d’ici la fin de la décennie, selon l’autorité portuaire. Paragraphe ")
                .Append(p).Append(".</p>\n");
            if (p == 5)
            {
                builder.Append("<h2>Les chiffres clés</h2><ul><li>Capacité : 9 millions de conteneurs</li><li>Quais : 4 kilomètres</li><li>Grues : 40</li></ul>");
            }
        }

        builder.Append("<div class=\"share\"><a href=\"#\">Partager sur Facebook</a> <a href=\"#\">Twitter</a></div></div></article>");
        builder.Append("<aside class=\"related\"><h3>Lire aussi</h3><ul>");
        for (var i = 0; i < 20; i++)
        {
            builder.Append("<li><a href=\"/article-").Append(i).Append("\"><img src=\"/t").Append(i).Append(".jpg\"><span>Un autre titre d’article numéro ").Append(i).Append(" sur l’actualité du jour</span></a></li>");
        }

        builder.Append("</ul></aside></main><footer><ul>");
        for (var i = 0; i < 60; i++)
        {
            builder.Append("<li><a href=\"/page-").Append(i).Append("\">Page ").Append(i).Append("</a></li>");
        }

        builder.Append("</ul><p>© 2026 Exemple Info. Tous droits réservés.</p></footer></body></html>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
