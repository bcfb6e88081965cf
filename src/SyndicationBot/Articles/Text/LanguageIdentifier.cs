using System.Collections.Concurrent;
using System.Collections.Frozen;
using Lingua;

namespace SyndicationBot.Articles.Text;

/// <summary>
/// ISO 639-1 language of a text, or <c>und</c>. The script decides which languages are possible: a script that only
/// one language writes settles it (Kana, Hangul, Greek, Hebrew, Thai…); for Latin, Cyrillic, Arabic and Devanagari,
/// Lingua chooses among every language it knows in that script (Latin text clearly marked by its function words is
/// settled by <see cref="FunctionWordVote"/> first). The languages can be restricted (a deployment that reads three
/// languages need not load the models of forty); by default every language Lingua supports is possible.
/// </summary>
internal sealed class LanguageIdentifier
{
    public const string Undetermined = "und";

    private const int MaxSample = 140;
    private const int MinLetters = 12;

    // Built once per process and language set: the n-gram models are large and immutable, and Lingua is
    // thread-safe. Preloaded: lazily loaded models cost more than ten times as much per call. Low accuracy mode
    // (trigrams only) is reliable on a sentence of running text; cost grows with sample length and language
    // count, so the sample is kept to about 80 characters and each detector to one script's languages.
    private static readonly ConcurrentDictionary<string, Lazy<LanguageDetector>> Detectors = new(StringComparer.Ordinal);

    private readonly FrozenSet<Language> allowed;
    private readonly string key;
    private readonly (Language Only, Lazy<LanguageDetector>? Detector)? latin;
    private readonly (Language Only, Lazy<LanguageDetector>? Detector)? cyrillic;
    private readonly (Language Only, Lazy<LanguageDetector>? Detector)? arabicScript;
    private readonly (Language Only, Lazy<LanguageDetector>? Detector)? devanagari;
    private readonly bool voteAllowed;

    /// <summary>Every language Lingua supports.</summary>
    public LanguageIdentifier()
        : this(null)
    {
    }

    /// <summary>Only <paramref name="languages"/> (ISO 639-1 codes); null or empty means every language Lingua supports.</summary>
    public LanguageIdentifier(IEnumerable<string>? languages)
    {
        var all = Enum.GetValues<Language>().Where(l => l != Language.Unknown).ToList();
        var codes = languages?.Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).ToHashSet(StringComparer.Ordinal) ?? [];
        allowed = (codes.Count == 0 ? all : all.Where(l => codes.Contains(Code(l)))).ToFrozenSet();
        key = string.Join(',', allowed.Select(Code).Order(StringComparer.Ordinal));
        latin = DetectorFor("latin", LanguageInfo.AllWithLatinScript());
        cyrillic = DetectorFor("cyrillic", LanguageInfo.AllWithCyrillicScript());
        arabicScript = DetectorFor("arabic", LanguageInfo.AllWithArabicScript());
        devanagari = DetectorFor("devanagari", LanguageInfo.AllWithDevangariScript());

        // The vote names one of seven Latin languages; it may only where all seven are possible answers.
        voteAllowed = new[] { Language.French, Language.English, Language.Spanish, Language.German, Language.Italian, Language.Portuguese, Language.Dutch }
            .All(allowed.Contains);
    }

    /// <summary>Returns the language of <paramref name="text"/> (title and first paragraphs are enough).</summary>
    public string Identify(string text)
    {
        var sample = Sample(text);
        int latin = 0, cyrillic = 0, arabic = 0, kana = 0, han = 0, hangul = 0, arabicExtra = 0, devanagari = 0, other = 0;
        var single = Language.Unknown;
        foreach (var c in sample)
        {
            switch (c)
            {
                case (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '\u00C0' and <= '\u024F') or (>= '\u1E00' and <= '\u1EFF'):
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
                case >= '\u0900' and <= '\u097F':
                    devanagari++;
                    break;
                default:
                    if (SingleLanguageScript(c) is var language and not Language.Unknown)
                    {
                        other++;
                        single = language;
                    }

                    break;
            }
        }

        var letters = latin + cyrillic + arabic + kana + han + hangul + devanagari + other;
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

        if (other > letters / 2)
        {
            return allowed.Contains(single) ? Code(single) : Undetermined;
        }

        if (arabic > letters / 2)
        {
            return arabicExtra == 0 && allowed.Contains(Language.Arabic) ? "ar" : Detect(arabicScript, sample);
        }

        if (cyrillic > letters / 2)
        {
            return Detect(this.cyrillic, sample);
        }

        if (devanagari > letters / 2)
        {
            return Detect(this.devanagari, sample);
        }

        if (latin <= letters / 2)
        {
            return Undetermined;
        }

        // Clear running text in a common language is settled by its function words, at a hundredth of
        // Lingua's cost; Lingua still decides whenever the vote abstains.
        return (voteAllowed ? FunctionWordVote.Guess(text) : null) ?? Detect(this.latin, sample);
    }

    // Scripts written by one language among those Lingua knows: the script is the answer.
    private static Language SingleLanguageScript(char c) => c switch
    {
        >= '\u0370' and <= '\u03FF' => Language.Greek,
        >= '\u0590' and <= '\u05FF' => Language.Hebrew,
        >= '\u0E00' and <= '\u0E7F' => Language.Thai,
        >= '\u0530' and <= '\u058F' => Language.Armenian,
        >= '\u10A0' and <= '\u10FF' => Language.Georgian,
        >= '\u0980' and <= '\u09FF' => Language.Bengali,
        >= '\u0A00' and <= '\u0A7F' => Language.Punjabi,
        >= '\u0A80' and <= '\u0AFF' => Language.Gujarati,
        >= '\u0B80' and <= '\u0BFF' => Language.Tamil,
        >= '\u0C00' and <= '\u0C7F' => Language.Telugu,
        _ => Language.Unknown,
    };

    /// <summary>Lingua's answer for Latin-script text, bypassing the function-word vote (the vote's tests compare against it).</summary>
    internal string IdentifyLatinWithModel(string text) => Detect(latin, Sample(text));

    private static string Detect((Language Only, Lazy<LanguageDetector>? Detector)? model, string sample) => model switch
    {
        null => Undetermined,
        { Detector: { } detector } => Code(detector.Value.DetectLanguageOf(sample)),
        { Only: var only } => Code(only),
    };

    private static string Code(Language language) =>
        language == Language.Unknown ? Undetermined : language.IsoCode6391().ToString().ToLowerInvariant();

    // One detector per script and language set, shared by every identifier with the same set.
    private (Language Only, Lazy<LanguageDetector>? Detector)? DetectorFor(string script, IEnumerable<Language> scriptLanguages)
    {
        var languages = scriptLanguages.Where(allowed.Contains).ToArray();
        if (languages.Length == 0)
        {
            return null;
        }

        // Lingua compares two languages at least; one allowed language of a script is the answer for that script.
        if (languages.Length == 1)
        {
            return (languages[0], null);
        }

        return (Language.Unknown, Detectors.GetOrAdd(script + ":" + key, _ => new Lazy<LanguageDetector>(() => Build(languages))));
    }

    private static LanguageDetector Build(Language[] languages) =>
        LanguageDetectorBuilder.FromLanguages(languages)
            .WithLowAccuracyMode()
            .WithPreloadedLanguageModels()
            .WithMinimumRelativeDistance(0.05)
            .Build();

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
