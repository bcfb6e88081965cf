using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Ingestion;

/// <summary>
/// What happens when an article already posted changes at the source (same URL, feed GUID or file, new text).
/// Posts that have not gone out always take the new text; a new post about the change is made only when
/// <see cref="Enabled"/> is set, so followers are not shown the same story twice unless the operator wants it.
/// </summary>
internal sealed class UpdatePostsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sources:Updates";

    /// <summary>Post again, as an update, when the headline or lead of an article already posted changes.</summary>
    public bool Enabled { get; set; }

    /// <summary>At most this many update posts per article, so a page edited again and again does not flood followers.</summary>
    [Range(1, 100)]
    public int MaxPerArticle { get; set; } = 3;

    /// <summary>At least this long between two update posts of one article; changes in between only refresh unsent posts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Put before the headline of an update post. Empty: nothing. Unset: a word in the article's language
    /// ("Mise à jour : ", "Update: ", "تحديث: " …, English when the language is not known).
    /// </summary>
    [StringLength(40)]
    public string? Prefix { get; set; }

    /// <summary>The prefix for an article in <paramref name="language"/> (ISO 639-1).</summary>
    public string PrefixFor(string language) => Prefix ?? language switch
    {
        "fr" => "Mise à jour : ",
        "ar" => "تحديث: ",
        "es" => "Actualización: ",
        "de" => "Aktualisiert: ",
        "it" => "Aggiornamento: ",
        "pt" => "Atualização: ",
        "nl" => "Update: ",
        "zh" => "更新：",
        "ja" => "更新：",
        _ => "Update: ",
    };
}
