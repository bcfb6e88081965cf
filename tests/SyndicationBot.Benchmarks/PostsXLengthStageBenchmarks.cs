using BenchmarkDotNet.Attributes;
using SyndicationBot.Posts.Text;

namespace SyndicationBot.Benchmarks;

// The stages of X's weighted length on one mixed post (URLs, emoji, digits, non-ASCII letters).
[MemoryDiagnoser]
public class PostsXLengthStageBenchmarks
{
    private const string MixedPost = "Inflation : +8,5 % sur un an, 1 200 € de plus par ménage 😷👍🏽 selon l’INSEE. Voir lemonde.fr/economie/article-42 et https://t.co/abc123";

    [Benchmark]
    public int UrlExtract() => UrlExtractor.Extract(MixedPost, includeWithoutProtocol: true).Count;

    [Benchmark]
    public int Emoji() => TwemojiParser.Parse(MixedPost).Count;

    [Benchmark]
    public int Nfc() => TwitterText.ToNfc(MixedPost).Length;

    [Benchmark]
    public int Weighted() => TwitterText.WeightedLength(MixedPost);
}
