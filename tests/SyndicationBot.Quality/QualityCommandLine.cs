namespace SyndicationBot.Quality;

/// <summary>
/// <c>readability DIR [--as html|text] [--verbose]</c>, <c>labelled DIR [--verbose]</c>, <c>dump PAGE.html [OUT.txt]</c>.
/// It measures and never gates: the exit code is 0 whatever the figures, 2 when an input or argument is malformed.
/// </summary>
internal static class QualityCommandLine
{
    private const int Malformed = 2;

    private const string Usage = """
        usage:
          SyndicationBot.Quality readability DIR [--as html|text] [--verbose]   Mozilla Readability's test pages
          SyndicationBot.Quality labelled DIR [--verbose]                       NAME.txt/.html + NAME.label.json pages
          SyndicationBot.Quality dump PAGE.html [OUT.txt]                       the text dump the 'text' mode reads
        """;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            Run(args, output);
            return Task.FromResult(0);
        }
        catch (MalformedInputException exception)
        {
            error.WriteLine("error: " + exception.Message);
            return Task.FromResult(Malformed);
        }
    }

    private static void Run(string[] args, TextWriter output)
    {
        var verbose = args.Contains("--verbose", StringComparer.Ordinal);
        var rest = args.Where(a => a != "--verbose").ToList();
        var asText = false;
        var asIndex = rest.IndexOf("--as");
        if (asIndex >= 0)
        {
            var mode = asIndex + 1 < rest.Count ? rest[asIndex + 1] : null;
            asText = mode switch
            {
                "text" => true,
                "html" => false,
                _ => throw new MalformedInputException($"--as takes html or text, not {mode ?? "nothing"}\n{Usage}"),
            };
            rest.RemoveRange(asIndex, 2);
        }

        switch (rest)
        {
            case ["readability", var directory]:
                using (var reader = ProductionReader.Create())
                {
                    ReadabilityCorpus.Measure(reader, directory, asText).Print(output, verbose);
                }

                break;
            case ["labelled", var directory] when asIndex < 0:
                using (var reader = ProductionReader.Create())
                {
                    LabelledSet.Measure(reader, directory).Print(output, verbose);
                }

                break;
            case ["dump", var page, ..] when rest.Count <= 3 && asIndex < 0:
                if (!File.Exists(page))
                {
                    throw new MalformedInputException($"{page}: no such file");
                }

                var text = TextDumper.Dump(File.ReadAllText(page));
                if (rest.Count == 3)
                {
                    File.WriteAllText(rest[2], text);
                }
                else
                {
                    output.Write(text);
                }

                break;
            default:
                throw new MalformedInputException("unrecognised arguments: " + string.Join(' ', args) + "\n" + Usage);
        }
    }
}
