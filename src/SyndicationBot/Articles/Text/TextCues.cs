namespace SyndicationBot.Articles.Text;

/// <summary>
/// A deliberately small multilingual list of words that mark page furniture. It is one signal among the
/// structural ones (length, punctuation, position, repetition), never the only reason to keep or drop a line.
/// </summary>
internal static class TextCues
{
    // Headings that open the blocks sites append after an article.
    private static readonly string[] TrailingHeadings = Folded(
    [
        "read more", "read also", "continue reading", "lire la suite", "seguir leyendo", "weiterlesen", "阅读全文", "続きを読む", "related", "more on this", "more from", "you may also like", "recommended", "see also", "most read", "popular",
        "lire aussi", "a lire aussi", "lire egalement", "voir aussi", "sur le meme sujet", "dans la meme rubrique", "articles similaires", "les plus lus",
        "leer mas", "lea tambien", "te puede interesar", "noticias relacionadas", "lo mas leido",
        "lesen sie auch", "mehr zum thema", "weitere artikel", "auch interessant", "meistgelesen",
        "اقرأ أيضا", "اقرأ المزيد", "ذات صلة", "الأكثر قراءة",
        "相关阅读", "相关新闻", "延伸阅读", "相关文章", "関連記事", "あわせて読みたい", "関連ニュース",
        "tags", "mots-cles", "etiquettes", "themes", "schlagworter", "etiquetas", "temas", "الوسوم", "وسوم", "标签", "タグ",
        "comments", "commentaires", "comentarios", "kommentare", "تعليقات", "评论", "コメント",
    ]);

    // Consent, subscription and legal furniture; prose that mentions these is a banner, not news.
    private static readonly CueSearch Boilerplate = Searchable(
    [
        "cookie", "newsletter", "appeared first on", "subscribe", "sign up", "log in", "all rights reserved", "privacy policy", "javascript",
        "abonnez", "s'abonner", "inscrivez", "droits reserves", "confidentialite",
        "suscribete", "derechos reservados", "privacidad", "abonnieren", "alle rechte vorbehalten", "datenschutz",
        "ملفات تعريف الارتباط", "جميع الحقوق محفوظة", "اشترك",
        "版权所有", "隐私", "订阅", "無断転載", "プライバシー",
    ]);

    // Share and follow buttons.
    private static readonly CueSearch Social = Searchable(
    [
        "facebook", "twitter", "whatsapp", "linkedin", "telegram", "instagram", "youtube", "tiktok", "pinterest", "e-mail", "email",
        "share", "follow us", "partager", "suivez-nous", "compartir", "siguenos", "teilen", "folgen sie", "مشاركة", "تابعونا", "شارك",
        "分享", "微信", "微博", "シェア", "ツイート",
    ]);

    public static bool IsTrailingHeading(ReadOnlySpan<char> folded, int words) =>
        words <= 6 && folded.Length <= 48 && StartsWithAny(folded.TrimStart("#*- >"), TrailingHeadings);

    public static bool IsBoilerplate(ReadOnlySpan<char> folded) => Boilerplate.ContainsAny(folded);

    public static bool IsSocial(ReadOnlySpan<char> folded, int words) => words <= 8 && Social.ContainsAny(folded);

    private static bool StartsWithAny(ReadOnlySpan<char> text, string[] cues)
    {
        foreach (var cue in cues)
        {
            if (text.StartsWith(cue, StringComparison.Ordinal)
                && (text.Length == cue.Length || !char.IsLetter(text[cue.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Folded(string[] cues) => [.. cues.Select(c => DateParser.Fold(c))];

    // Every line of every page is checked against every cue; one anchored search replaces a Contains per cue.
    private static CueSearch Searchable(string[] cues) => new(Folded(cues));
}
