using System.Text;
using BenchmarkDotNet.Attributes;
using SyndicationBot.Articles.Text;

namespace SyndicationBot.Benchmarks;

/// <summary>The stages of reading one seed-size page, apart, to see where its time goes.</summary>
[MemoryDiagnoser]
public class ArticlesStagesBenchmarks
{
    private readonly LanguageIdentifier languages = new();
    private byte[] bytes = [];
    private string decoded = "";
    private string normalized = "";
    private string firstParagraph = "";

    [Params("fr", "ar")]
    public string Language { get; set; } = "fr";

    [GlobalSetup]
    public void Setup()
    {
        var paragraph = Language == "ar"
            ? "أعلنت الحكومة المغربية، اليوم الجمعة، عن إطلاق برنامج وطني واسع لتحلية مياه البحر يهدف إلى تأمين حاجيات المدن الساحلية من الماء الصالح للشرب خلال السنوات المقبلة. ويشمل البرنامج بناء ست محطات جديدة."
            : "Le directeur général de la sûreté nationale a reçu lundi à Rabat l’ambassadrice de Chine au Maroc pour un entretien centré sur le renforcement du dialogue sécuritaire entre les deux pays. Cette rencontre a permis de mettre en lumière la volonté commune des deux capitales.";
        var builder = new StringBuilder();
        for (var i = 0; i < 75; i++)
        {
            builder.Append("-\n").Append(System.Globalization.CultureInfo.InvariantCulture, $"{22 - (i / 4):00}:{(i * 7) % 60:00}\n");
        }

        builder.Append("Sous-Rubrique\nSuivez-nous sur Facebook\nUn titre pour la page de test\n");
        for (var p = 0; p < 4; p++)
        {
            builder.Append(paragraph).Append(' ').Append(p).Append('\n');
        }

        bytes = Encoding.UTF8.GetBytes(builder.ToString());
        _ = TextDecoder.TryDecode(bytes, out decoded, out _, out _);
        normalized = TextNormalizer.NormalizeDocument(decoded);
        firstParagraph = paragraph;
        _ = languages.Identify(firstParagraph);
    }

    [Benchmark]
    public string Decode() => TextDecoder.TryDecode(bytes, out var text, out _, out _) ? text : "";

    [Benchmark]
    public string Normalize() => TextNormalizer.NormalizeDocument(decoded);

    [Benchmark]
    public object? Extract() => ScrapedPageExtractor.Extract(normalized, out _);

    [Benchmark]
    public string Identify() => languages.Identify(firstParagraph);

    [Benchmark]
    public string NormalizeParagraph() => TextNormalizer.NormalizeInline(firstParagraph);
}
