namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// Splits the command line in two: the <c>--Section:Key=value</c> settings, which are the configuration's top layer
/// and go to the host builder for every verb, and the rest, which System.CommandLine parses.
/// </summary>
internal static class ConfigurationArguments
{
    /// <summary>Returns the settings (for <c>AddCommandLine</c>) and the verb's own words and options, each in order.</summary>
    public static (string[] Settings, string[] Verb) Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new List<string>();
        var verb = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!IsSetting(arg))
            {
                verb.Add(arg);
                continue;
            }

            settings.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
            {
                // "--Section:Key value", the configuration provider's other spelling.
                settings.Add(args[++i]);
            }
        }

        return ([.. settings], [.. verb]);
    }

    // A setting names a configuration path: --Section:Key[=value] or --Key=value. A bare --flag (--json, --dry-run)
    // is the verb's, so a misspelt option reaches the parser and is refused rather than read as a setting.
    private static bool IsSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal)
        && arg.Length > 2
        && char.IsLetter(arg[2])
        && (arg.Contains(':', StringComparison.Ordinal) || arg.Contains('=', StringComparison.Ordinal));
}
