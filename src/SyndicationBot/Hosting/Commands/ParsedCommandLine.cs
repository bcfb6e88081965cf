namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// The command line split in two: the verb with its own words and flags, and the <c>--Section:Key=value</c>
/// settings that go to configuration (the standard top layer).
/// </summary>
internal sealed record ParsedCommandLine(string Verb, IReadOnlyList<string> Arguments, IReadOnlySet<string> Flags, IReadOnlyDictionary<string, string> Values, string[] ConfigurationArgs)
{
    private static readonly HashSet<string> Verbs = new(StringComparer.OrdinalIgnoreCase) { "run", "preview", "queue", "history", "ingest", "status", "help" };

    private static readonly HashSet<string> ValueOptions = new(StringComparer.OrdinalIgnoreCase) { "--limit" };

    /// <summary>True when the flag (e.g. <c>--json</c>) was given.</summary>
    public bool Has(string flag) => Flags.Contains(flag);

    /// <summary>Parses <paramref name="args"/>. Unknown verbs are reported by the caller as usage errors.</summary>
    public static ParsedCommandLine Parse(string[] args)
    {
        var configuration = new List<string>();
        var arguments = new List<string>();
        var flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? verb = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (IsSetting(arg))
            {
                configuration.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    configuration.Add(args[++i]);
                }

                continue;
            }

            if (ValueOptions.Contains(arg) && i + 1 < args.Length)
            {
                values[arg] = args[++i];
                continue;
            }

            if (arg.StartsWith('-') && arg.Length > 1)
            {
                flags.Add(arg);
                continue;
            }

            if (verb is null && arguments.Count == 0 && Verbs.Contains(arg))
            {
                verb = arg.ToLowerInvariant();
                continue;
            }

            arguments.Add(arg);
        }

        if (verb is null && arguments.Count > 0)
        {
            verb = arguments[0];
            arguments.RemoveAt(0);
        }

        return new ParsedCommandLine(verb ?? "run", arguments, flags, values, [.. configuration]);
    }

    // A setting names a configuration path: --Section:Key[=value] or --Key=value (a bare --flag is the verb's).
    private static bool IsSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal)
        && arg.Length > 2
        && char.IsLetter(arg[2])
        && (arg.Contains(':', StringComparison.Ordinal) || arg.Contains('=', StringComparison.Ordinal));
}
