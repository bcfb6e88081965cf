using Lingua;

namespace SyndicationBot.Articles.Text;

/// <summary>
/// ISO 639-1 language of a text, or <c>und</c>. Scripts that settle the question (Arabic, Kana, Han,
/// Hangul) short-circuit; Latin text clearly marked by its function words is settled by <see cref="FunctionWordVote"/>;
/// the rest goes to Lingua over a small language set, on a bounded prefix.
/// </summary>
internal sealed class LanguageIdentifier
{
    public const string Undetermined = "und";

    private const int MaxSample = 80;
    private const int MinLetters = 12;

    // Built once per process: the n-gram models are large and immutable, and Lingua is thread-safe.
    // Preloaded: lazily loaded models cost more than ten times as much per call. Low accuracy mode
    // (trigrams only) is reliable on a sentence of running text; cost grows with sample length and
    // language count, so both are kept small (about 80 characters, six Latin-script languages).
    private static readonly Lazy<LanguageDetector> Latin = new(() => LanguageDetectorBuilder
        .FromLanguages(Language.English, Language.French, Language.Spanish, Language.German, Language.Italian, Language.Portuguese)
        .WithLowAccuracyMode()
        .WithPreloadedLanguageModels()
        .WithMinimumRelativeDistance(0.05)
        .Build());

    private static readonly Lazy<LanguageDetector> Cyrillic = new(() => LanguageDetectorBuilder
        .FromLanguages(Language.Russian, Language.Ukrainian, Language.Bulgarian)
        .WithLowAccuracyMode()
        .WithPreloadedLanguageModels()
        .Build());

    private static readonly Lazy<LanguageDetector> ArabicScript = new(() => LanguageDetectorBuilder
        .FromLanguages(Language.Arabic, Language.Persian, Language.Urdu)
        .WithLowAccuracyMode()
        .WithPreloadedLanguageModels()
        .Build());

    private readonly Lazy<LanguageDetector> latin = Latin;
    private readonly Lazy<LanguageDetector> cyrillic = Cyrillic;
    private readonly Lazy<LanguageDetector> arabicScript = ArabicScript;

    /// <summary>Returns the language of <paramref name="text"/> (title and first paragraphs are enough).</summary>
    public string Identify(string text)
    {
        var sample = Sample(text);
        int latin = 0, cyrillic = 0, arabic = 0, kana = 0, han = 0, hangul = 0, arabicExtra = 0;
        foreach (var c in sample)
        {
            switch (c)
            {
                case (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '\u00C0' and <= '\u024F'):
                    latin++;
                    break;
                case >= '\u0400' and <= '\u04FF':
                    cyrillic++;
                    break;
                case '\u067E' or '\u0686' or '\u0698' or '\u06AF' or '\u06CC' or '\u0679' or '\u06BA' or '\u06D2':
                    arabic++;
                    arabicExtra++;
                    break;
                case (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF'):
                    arabic++;
                    break;
                case (>= '\u3040' and <= '\u30FF') or (>= '\u31F0' and <= '\u31FF') or (>= '\uFF66' and <= '\uFF9F'):
                    kana++;
                    break;
                case (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF'):
                    han++;
                    break;
                case (>= '\uAC00' and <= '\uD7AF') or (>= '\u1100' and <= '\u11FF'):
                    hangul++;
                    break;
                default:
                    break;
            }
        }

        var letters = latin + cyrillic + arabic + kana + han + hangul;
        if (letters < MinLetters && han + kana + hangul < 4)
        {
            return Undetermined;
        }

        // Kana appears only in Japanese; a handful among Han characters settles it.
        if (kana > 0 && kana * 10 >= kana + han)
        {
            return "ja";
        }

        if (han + kana > letters / 2)
        {
            return kana > 0 ? "ja" : "zh";
        }

        if (hangul > letters / 2)
        {
            return "ko";
        }

        if (arabic > letters / 2)
        {
            return arabicExtra == 0 ? "ar" : Detect(arabicScript.Value, sample);
        }

        if (cyrillic > letters / 2)
        {
            return Detect(this.cyrillic.Value, sample);
        }

        if (latin <= letters / 2)
        {
            return Undetermined;
        }

        // Clear running text in a common language is settled by its function words, at a hundredth of
        // Lingua's cost; Lingua still decides whenever the vote abstains.
        return FunctionWordVote.Guess(text) ?? Detect(this.latin.Value, sample);
    }

    /// <summary>Lingua's answer for Latin-script text, bypassing the function-word vote (the vote's tests compare against it).</summary>
    internal string IdentifyLatinWithModel(string text) => Detect(latin.Value, Sample(text));

    private static string Detect(LanguageDetector detector, string sample)
    {
        var language = detector.DetectLanguageOf(sample);
        return language == Language.Unknown ? Undetermined : language.IsoCode6391().ToString().ToLowerInvariant();
    }

    private static string Sample(string text)
    {
        if (text.Length <= MaxSample)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', MaxSample);
        return text[..(cut > MaxSample / 2 ? cut : MaxSample)];
    }
}
