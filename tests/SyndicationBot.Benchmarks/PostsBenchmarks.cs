using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Articles;
using SyndicationBot.Channels;
using SyndicationBot.Posts;
using SyndicationBot.Posts.Text;
using SyndicationBot.Summaries;

namespace SyndicationBot.Benchmarks;

// Issue 4 targets: summarise + compose every network for one seed-size article under 50 µs (median), and the
// X weighted length at 5 MB/s or more of mixed text (UTF-8 bytes of XWeightedLength_MixedPosts's input / its mean).
// The compose target is on the median, so the median is always shown.
[MemoryDiagnoser]
[MedianColumn]
public class PostsBenchmarks
{
    private static readonly string[] SeedParagraphs =
    [
        "Le directeur général de la sûreté nationale et de la surveillance du territoire, Abdellatif Hammouchi, a reçu lundi à Rabat l’ambassadrice de Chine au Maroc, Yo Jinsong, pour un entretien centré sur le renforcement du dialogue sécuritaire entre les deux pays. Cette rencontre a permis de mettre en lumière la volonté commune de Rabat et de Pékin d’intensifier leurs échanges et de renforcer la coordination face aux défis sécuritaires contemporains.",
        "Au cours de l’entretien, les discussions ont abordé divers sujets d’intérêt mutuel, incluant la coopération technique, le partage d’expertise et le développement de partenariats entre institutions policières. L’ambassadrice chinoise a réaffirmé la reconnaissance de Pékin pour la qualité de la collaboration avec les services marocains, qualifiant le Maroc de partenaire fiable et acteur stabilisateur dans la région. Elle a également souligné la disposition de la Chine à soutenir Rabat en amont de la 91ᵉ Assemblée générale d’Interpol, qui se tiendra à Marrakech du 24 au 27 novembre.",
        "De son côté, Abdellatif Hammouchi a salué la convergence des points de vue entre les deux pays sur les enjeux sécuritaires internationaux, insistant sur la confiance mutuelle qui fonde ce partenariat. Les échanges ont également porté sur l’élargissement de la coopération dans la lutte contre la criminalité transnationale et la prévention des nouvelles menaces technologiques.",
        "Cette rencontre illustre l’engagement constant de la DGSN et de la DGST à promouvoir une diplomatie de sécurité proactive et structurée, fondée sur la concertation, l’échange d’expertise et la prévention. À travers de tels entretiens de haut niveau, le Maroc confirme son rôle de partenaire fiable au service de la stabilité et de la paix régionales.",
    ];

    private static readonly string[] MixedPostSamples =
    [
        "Hammouchi et la Chine renforcent le partenariat sécuritaire\n\nLe directeur général a reçu lundi à Rabat l’ambassadrice de Chine… https://www.lematin.ma/nation/hammouchi/123456 #Maroc",
        "Inflation : +8,5 % sur un an, 1 200 € de plus par ménage 😷👍🏽 selon l’INSEE. Voir lemonde.fr/economie/article-42 et https://t.co/abc123",
        "会议今天在北京开始。代表们讨论了合作！https://www.xinhuanet.com/world/2024/index.htm 👨‍👩‍👧‍👦🇨🇳",
        "الاجتماع انتهى في المساء؟ نعم، وغادر الوفد الرباط. https://www.hespress.com/politique-123.html 🇲🇦",
        "Breaking: the U.S. Senate passed the bill 52-48 after a 3.4-hour debate — details at https://apnews.com/article/senate-bill ❤️🔥 #Politics",
    ];

    private ISummarizer summarizer = null!;
    private IPostComposer[] composers = null!;
    private Article article = null!;
    private string[] mixedPosts = null!;
    private Summary summary = null!;

    public int MixedBytes { get; private set; }

    internal Article SeedArticle => article;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSummaries();
        services.AddPosts().AddNetworkPostFormats();
        var provider = services.BuildServiceProvider();
        summarizer = provider.GetRequiredService<ISummarizer>();
        composers = [.. provider.GetServices<IPostComposer>()];
        article = new Article(
            "seeds/000_939463bdcd8f7f07.txt", "Hammouchi et la Chine renforcent le partenariat sécuritaire", SeedParagraphs, "fr",
            new Uri("https://www.lematin.ma/nation/hammouchi-chine-partenariat-securitaire/123456"), null, null, null, ["Maroc", "Chine"], "939463bdcd8f7f07");
        summary = summarizer.Summarize(article);
        mixedPosts = [.. Enumerable.Range(0, 200).Select(i => MixedPostSamples[i % MixedPostSamples.Length])];
        MixedBytes = mixedPosts.Sum(Encoding.UTF8.GetByteCount);
        Console.WriteLine($"// XWeightedLength_MixedPosts input: {MixedBytes} UTF-8 bytes in {mixedPosts.Length} posts");

        // Steady state before measuring: a short job's warm-up can end before the tiered JIT has optimised this code on
        // a busy machine, and the iterations then time partly unoptimised code.
        var warm = System.Diagnostics.Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 2000)
        {
            SummarizeAndComposeAllNetworks();
        }
    }

    [Benchmark]
    public int SummarizeAndComposeAllNetworks()
    {
        var summary = summarizer.Summarize(article);
        int total = 0;
        foreach (var composer in composers)
        {
            total += composer.Compose(article, summary).Length;
        }

        return total;
    }

    [Benchmark]
    public int SummarizeOnly() => summarizer.Summarize(article).Sentences.Count;

    [Benchmark]
    public int ComposeXOnly() => composers[0].Compose(article, summary).Length;

    [Benchmark]
    public int XWeightedLength_MixedPosts()
    {
        int total = 0;
        foreach (string post in mixedPosts)
        {
            total += TwitterText.WeightedLength(post);
        }

        return total;
    }

    // The same throughput with the token cache emptied before every post, i.e. every URL extracted from scratch.
    [Benchmark]
    public int XWeightedLength_MixedPosts_Cold()
    {
        int total = 0;
        foreach (string post in mixedPosts)
        {
            UrlExtractor.ClearCache();
            total += TwitterText.WeightedLength(post);
        }

        return total;
    }
}
