using SyndicationBot.Articles;

namespace SyndicationBot.Tests.Summaries;

// The article of seeds/000_939463bdcd8f7f07.txt: headline and body paragraphs, French, no URL.
internal static class SeedArticle
{
    public const string Title = "Hammouchi et la Chine renforcent le partenariat sécuritaire";

    public static readonly string[] Paragraphs =
    [
        "Le directeur général de la sûreté nationale et de la surveillance du territoire, Abdellatif Hammouchi, a reçu lundi à Rabat l’ambassadrice de Chine au Maroc, Yo Jinsong, pour un entretien centré sur le renforcement du dialogue sécuritaire entre les deux pays. Cette rencontre a permis de mettre en lumière la volonté commune de Rabat et de Pékin d’intensifier leurs échanges et de renforcer la coordination face aux défis sécuritaires contemporains.",
        "Au cours de l’entretien, les discussions ont abordé divers sujets d’intérêt mutuel, incluant la coopération technique, le partage d’expertise et le développement de partenariats entre institutions policières. L’ambassadrice chinoise a réaffirmé la reconnaissance de Pékin pour la qualité de la collaboration avec les services marocains, qualifiant le Maroc de partenaire fiable et acteur stabilisateur dans la région. Elle a également souligné la disposition de la Chine à soutenir Rabat en amont de la 91ᵉ Assemblée générale d’Interpol, qui se tiendra à Marrakech du 24 au 27 novembre.",
        "De son côté, Abdellatif Hammouchi a salué la convergence des points de vue entre les deux pays sur les enjeux sécuritaires internationaux, insistant sur la confiance mutuelle qui fonde ce partenariat. Les échanges ont également porté sur l’élargissement de la coopération dans la lutte contre la criminalité transnationale et la prévention des nouvelles menaces technologiques.",
        "Cette rencontre illustre l’engagement constant de la DGSN et de la DGST à promouvoir une diplomatie de sécurité proactive et structurée, fondée sur la concertation, l’échange d’expertise et la prévention. À travers de tels entretiens de haut niveau, le Maroc confirme son rôle de partenaire fiable au service de la stabilité et de la paix régionales.",
    ];

    public static Article Create(Uri? url = null, IReadOnlyList<string>? tags = null) =>
        new("seeds/000_939463bdcd8f7f07.txt", Title, Paragraphs, "fr", url, null, null, null, tags ?? [], "939463bdcd8f7f07");
}
