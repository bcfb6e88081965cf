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
        "ملفات تعريف الارتباط", "جميع الحقوق محفوظة", "اشترك", "your inbox", "delivered to your", "permalink", "votre boite",
        "版权所有", "隐私", "订阅", "無断転載", "プライバシー",
    ]);

    // Lines that label something else: a photo or video and its credit, an advertisement slot, a translation widget,
    // a reprint notice. They sit between headline and body, so they must never be taken for either.
    private static readonly string[] CaptionLabels = Folded(
    [
        "photo", "photos", "photograph", "image", "images", "picture", "pictures", "illustration", "video", "videos", "credit", "credits", "caption",
        "source", "sources", "copyright", "crédit", "crédits", "crédit photo", "légende", "foto", "fotos", "bild", "bildquelle", "quelle",
        "صورة", "الصورة", "صور", "المصدر", "مصدر", "فيديو", "图片", "图", "照片", "写真", "画像",
    ]);

    private static readonly string[] CaptionPhrases = Folded(
    [
        "media caption", "image caption", "image copyright", "image source", "photograph by", "photo by", "photo credit", "photographs by",
        "getty images", "powered by", "automated translation", "translated by", "advertisement", "sponsored", "publicite", "annonce",
        "publie dans", "published in", "published on", "first published", "paru dans", "this article was", "cet article a", "نشر في",
        "نشر بتاريخ", "إعلان", "اعلان", "click here", "cliquez ici", "اضغط هنا", "tap to", "watch:", "regarder :", "listen to", "ecouter",
    ]);

    private static readonly string[] CreditLabels = Folded(
    [
        "photo:", "photo :", "photos:", "photograph:", "image:", "credit:", "credits:", "crédit:", "crédit :", "crédit photo", "ph.", "picture:", "source photo",
    ]);

    private static readonly string[] CreditBylines = Folded(
    [
        "photo by", "photos by", "photograph by", "photographs by", "image by", "picture by", "photo credit", "image credit", "image copyright",
    ]);

    private static readonly string[] CreditEndings = Folded(
    [
        "getty images", "afp", "reuters", "ap photo", "ap", "shutterstock", "epa", "anadolu", "xinhua", "map", "dr", "istock", "alamy",
    ]);

    // Share and follow buttons.
    private static readonly CueSearch Social = Searchable(
    [
        "facebook", "twitter", "whatsapp", "linkedin", "telegram", "instagram", "youtube", "tiktok", "pinterest", "e-mail", "email",
        "share", "follow us", "partager", "suivez-nous", "compartir", "siguenos", "teilen", "folgen sie", "مشاركة", "تابعونا", "شارك",
        "分享", "微信", "微博", "シェア", "ツイート",
    ]);

    /// <summary>"Lire aussi : <i>another headline</i>": a link to another story set inside the article.</summary>
    public static bool IsRelatedLink(ReadOnlySpan<char> folded, int words)
    {
        var text = folded.TrimStart("#*- >([");
        foreach (var cue in TrailingHeadings)
        {
            if (words <= 30 && text.StartsWith(cue, StringComparison.Ordinal) && text[cue.Length..].TrimStart(' ') is [':' or '：' or '|' or '>' or '»', ..])
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsTrailingHeading(ReadOnlySpan<char> folded, int words) =>
        words <= 6 && folded.Length <= 48 && StartsWithAny(folded.TrimStart("#*- >"), TrailingHeadings);

    /// <summary>A caption, credit, ad slot or widget label: a line that labels something else (short lines only).</summary>
    public static bool IsCaption(ReadOnlySpan<char> folded, int words)
    {
        if (words > 30)
        {
            return false;
        }

        var text = folded.TrimStart("#*- >([");
        foreach (var label in CaptionLabels)
        {
            // "Photo: …", "Image : …", "Credit – …": the label and a colon or dash, not a sentence starting with the word.
            if (text.StartsWith(label, StringComparison.Ordinal))
            {
                var rest = text[label.Length..].TrimStart(' ');
                if (rest.IsEmpty ? words <= 2 : rest[0] is ':' or '：' or '|' or '/' or '©' or '–' or '—' || (rest[0] == '-' && rest.Length > 1 && rest[1] == ' '))
                {
                    return true;
                }
            }
        }

        if (words <= 16 && StartsWithAny(text, CaptionPhrases))
        {
            return true;
        }

        if (words <= 16 && text.Contains('©'))
        {
            return true;
        }

        // Markup left in the text ("<span>…</span>"), an embedded post's signature ("— Name (@handle) 3 January 2024").
        if (text.Contains("</", StringComparison.Ordinal) || (words <= 16 && text.Contains("(@", StringComparison.Ordinal)))
        {
            return true;
        }

        // "… bilateral ties. Photo: AA / AA", "… du Maroc. Ph. MEDIAS24", "… Credit: BBC": a caption whose credit closes it.
        if (words <= 45 && EndsWithCredit(text))
        {
            return true;
        }

        // "… / AFP", "… (Reuters)", "… - Getty Images": a credit at the end of a short caption.
        var end = text.TrimEnd(" )].");
        if (words <= 12)
        {
            foreach (var agency in CreditEndings)
            {
                if (end.EndsWith(agency, StringComparison.Ordinal) && end.Length > agency.Length)
                {
                    var before = end[..^agency.Length].TrimEnd(' ');
                    if (before.Length > 0 && before[^1] is '/' or '(' or '|' or '©')
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>A credit line of its own ("Image: Vjeran Pavic / The Verge", "Photograph: Fadel Senna/AFP").</summary>
    public static bool IsCredit(ReadOnlySpan<char> folded, int words)
    {
        if (words > 12)
        {
            return false;
        }

        var text = folded.TrimStart("#*- >([");
        foreach (var label in CreditLabels)
        {
            if (label[^1] is ':' && text.StartsWith(label, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return StartsWithAny(text, CreditBylines);
    }

    private static bool EndsWithCredit(ReadOnlySpan<char> text)
    {
        // A credit closes the caption: only its last characters are searched (this runs for every short line).
        text = text[Math.Max(0, text.Length - 56)..];
        foreach (var label in CreditLabels)
        {
            var at = text.LastIndexOf(label, StringComparison.Ordinal);
            if (at > 0 && text[at - 1] is ' ' or '(' or '-' or '|' && text.Length - at - label.Length <= 40
                && text[(at + label.Length)..].IndexOfAny('.', '!', '?') < 0)
            {
                return true;
            }
        }

        // "(M.Marfouk/Le360)": a photographer and an outlet in closing brackets.
        var trimmed = text.TrimEnd(' ');
        if (trimmed.EndsWith(")") && trimmed.LastIndexOf('(') is var open and >= 0 && trimmed.Length - open <= 40)
        {
            var inside = trimmed[(open + 1)..^1];
            return inside.Contains('/') && inside.IndexOf(' ') < 0;
        }

        return false;
    }

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
