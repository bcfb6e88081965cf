using SyndicationBot.Summaries;
using Xunit;

namespace SyndicationBot.Tests.Summaries;

public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("fr", "M. Dupont a rencontré Mme Durand et le Dr. Martin. Ils ont parlé.", "M. Dupont a rencontré Mme Durand et le Dr. Martin.|Ils ont parlé.")]
    [InlineData("fr", "Les prix, p. ex. ceux du blé, montent. La hausse atteint 8,5 % en mars.", "Les prix, p. ex. ceux du blé, montent.|La hausse atteint 8,5 % en mars.")]
    [InlineData("fr", "Il y a des fruits, des légumes, etc. et du pain. Le marché ferme.", "Il y a des fruits, des légumes, etc. et du pain.|Le marché ferme.")]
    [InlineData("en", "The U.S. Army grew 3.4 percent. Officials agreed.", "The U.S. Army grew 3.4 percent.|Officials agreed.")]
    [InlineData("fr", "La ville compte 1 200 habitants. Elle grandit.", "La ville compte 1 200 habitants.|Elle grandit.")]
    [InlineData("fr", "Il hésita… puis partit. Personne ne le revit.", "Il hésita… puis partit.|Personne ne le revit.")]
    [InlineData("fr", "Il a dit : « Nous continuerons. » Puis il est parti.", "Il a dit : « Nous continuerons. »|Puis il est parti.")]
    [InlineData("fr", "« Nous continuerons. », a-t-il déclaré. La séance est levée.", "« Nous continuerons. », a-t-il déclaré.|La séance est levée.")]
    [InlineData("en", "“We will go on.” He left. Then silence.", "“We will go on.”|He left.|Then silence.")]
    [InlineData("fr", "La 3ᵉ édition et le 1er prix sont attribués. Le jury a délibéré.", "La 3ᵉ édition et le 1er prix sont attribués.|Le jury a délibéré.")]
    [InlineData("ar", "هل انتهى الاجتماع؟ نعم، انتهى في المساء. وغادر الوفد.", "هل انتهى الاجتماع؟|نعم، انتهى في المساء.|وغادر الوفد.")]
    [InlineData("zh", "会议今天开始。代表们讨论了合作！结果如何？尚不清楚。", "会议今天开始。|代表们讨论了合作！|结果如何？|尚不清楚。")]
    [InlineData("zh", "他说：“我们会继续。”然后离开了。", "他说：“我们会继续。”|然后离开了。")]
    public void Split_TrickyPunctuation_SplitsOnlyAtSentenceEnds(string language, string text, string expected)
    {
        // Arrange // Act
        var sentences = SentenceSplitter.Split(text, language);

        // Assert
        Assert.Equal(expected.Split('|'), sentences);
    }
}
