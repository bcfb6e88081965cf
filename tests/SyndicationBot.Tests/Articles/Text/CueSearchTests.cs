using CsCheck;
using SyndicationBot.Articles.Text;
using Xunit;

namespace SyndicationBot.Tests.Articles.Text;

public sealed class CueSearchTests
{
    private static readonly string[] Cues = ["cookie", "sign up", "s'abonner", "e-mail", "اشترك", "جميع الحقوق محفوظة", "版权所有", "隐私", "シェア", "ab"];

    [Theory]
    [InlineData("we use cookies to improve", true)]
    [InlineData("please sign up today", true)]
    [InlineData("send an e-mail", true)]
    [InlineData("اشترك في النشرة", true)]
    [InlineData("版权所有 2026", true)]
    [InlineData("the minister signed the accord", false)]
    [InlineData("جميع الحقوق", false)]
    [InlineData("", false)]
    public void ContainsAny_Line_FindsCuesAnywhereInIt(string line, bool expected)
    {
        // Arrange
        var search = new CueSearch(Cues);

        // Act
        var found = search.ContainsAny(line);

        // Assert
        Assert.Equal(expected, found);
    }

    [Fact]
    public void ContainsAny_AnyTextMadeOfCueFragments_AgreesWithSubstringSearch()
    {
        // Arrange: fragments of the cues, so near misses and overlaps are common.
        var search = new CueSearch(Cues);
        var pieces = new[] { "c", "coo", "kie", "sign", " up", "s'", "abo", "nner", "e-", "mail", "اش", "ترك", "جميع ", "الحقوق ", "محفوظة", "版权", "所有", "隐", "私", "シェ", "ア", "a", "b", " ", "x" };
        var gen = Gen.OneOfConst(pieces).Array[0, 30].Select(parts => string.Concat(parts));

        // Act + Assert
        gen.Sample(text => Assert.Equal(Cues.Any(c => text.Contains(c, StringComparison.Ordinal)), search.ContainsAny(text)), iter: 5000);
    }
}
