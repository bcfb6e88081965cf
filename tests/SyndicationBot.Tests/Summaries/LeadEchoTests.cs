using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Summaries;
using Xunit;

namespace SyndicationBot.Tests.Summaries;

/// <summary>
/// News leads restate the headline and then add the facts; such a lead is the summary's first sentence, while a
/// sentence that only repeats the headline is left out.
/// </summary>
public sealed class LeadEchoTests
{
    [Theory]
    [InlineData(
        "en",
        "Floods in Valencia: rescuers search for missing as death toll rises to 95",
        "The death toll from the flash floods that swept through the eastern Spanish region of Valencia has risen to 95, as rescuers continue to search for people still missing after torrential rain turned streets into rivers.",
        "The Spanish prime minister, Pedro Sánchez, said the government would do everything it could to help those affected.",
        "Spain's state meteorological agency, Aemet, said more than 300mm of rain had fallen in some areas in a matter of hours.")]
    [InlineData(
        "fr",
        "Renault inaugure une nouvelle ligne de production à Tanger",
        "Le constructeur automobile Renault a inauguré lundi une nouvelle ligne de production dans son usine de Tanger, portant la capacité annuelle du site à 400 000 véhicules.",
        "L’investissement, d’un montant de 1,2 milliard de dirhams, devrait permettre la création de 800 emplois directs d’ici fin 2025, selon le groupe.",
        "La direction a salué le soutien des autorités locales.")]
    [InlineData(
        "ar",
        "ميناء طنجة المتوسط يحقق رقما قياسيا جديدا",
        "حقق ميناء طنجة المتوسط رقما قياسيا جديدا في معالجة الحاويات خلال الأشهر العشرة الأولى من السنة الجارية، بحسب معطيات رسمية صادرة عن السلطة المينائية.",
        "وأوضحت السلطة أن الميناء عالج أكثر من 8 ملايين حاوية، بزيادة نسبتها 18 في المائة مقارنة بالفترة نفسها من السنة الماضية.",
        "ويعزى هذا الارتفاع إلى تحويل عدد من خطوط الملاحة الدولية نحو الميناء المغربي.")]
    public void Summarize_LeadRestatesTheHeadlineAndAddsFacts_LeadComesFirst(string language, string title, string lead, string second, string third)
    {
        // Arrange
        var target = new ExtractiveSummarizer(Options.Create(new SummariesOptions()));
        var article = new Article("page.txt", title, [lead, second, third], language, null, null, null, null, [], "hash");

        // Act
        var summary = target.Summarize(article);

        // Assert
        Assert.Equal(lead, summary.Sentences[0]);
    }
}
