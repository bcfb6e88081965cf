using SyndicationBot.Posts.Text;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace SyndicationBot.Tests.Posts.Text;

// The official twitter-text conformance cases (TestData/Posts/twitter-text/validate.yml), each section run with
// the configuration the reference test suites use (rb/test/conformance_test.rb).
public sealed class TwitterTextConformanceTests
{
    private static readonly Lazy<YamlMappingNode> Tests = new(Load);

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string section in new[] { "WeightedTweetsCounterTest", "WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest" })
        {
            var cases = (YamlSequenceNode)Tests.Value[section];
            for (int i = 0; i < cases.Children.Count; i++)
            {
                data.Add(section, i);
            }
        }

        return data;
    }

    [Fact]
    public void Cases_SharedFile_HasAll44WeightedLengthCases()
    {
        // Arrange // Act
        int count = Cases().Count;

        // Assert
        Assert.Equal(44, count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_ConformanceCase_MatchesReference(string section, int index)
    {
        // Arrange
        var testCase = (YamlMappingNode)((YamlSequenceNode)Tests.Value[section])[index];
        string text = ((YamlScalarNode)testCase["text"]).Value!;
        var expected = (YamlMappingNode)testCase["expected"];
        var config = section == "WeightedTweetsCounterTest" ? TwitterTextConfiguration.Version2 : TwitterTextConfiguration.Version3;

        // Act
        var result = TwitterText.Parse(text, config);

        // Assert
        string description = ((YamlScalarNode)testCase["description"]).Value!;
        Assert.Equal(
            (Int(expected, "weightedLength"), bool.Parse(((YamlScalarNode)expected["valid"]).Value!), Int(expected, "permillage"),
                Int(expected, "displayRangeStart"), Int(expected, "displayRangeEnd"), Int(expected, "validRangeStart"), Int(expected, "validRangeEnd"), description),
            (result.WeightedLength, result.Valid, result.Permillage,
                result.DisplayRangeStart, result.DisplayRangeEnd, result.ValidRangeStart, result.ValidRangeEnd, description));
    }

    private static int Int(YamlMappingNode node, string key) =>
        int.Parse(((YamlScalarNode)node[key]).Value!, System.Globalization.CultureInfo.InvariantCulture);

    private static YamlMappingNode Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "Posts", "twitter-text", "validate.yml");
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["tests"];
    }
}
