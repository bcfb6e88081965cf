using System.Globalization;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Posts;

// Hand-written: the per-channel dictionary and the template grammar are beyond the [OptionsValidator]
// generator. Every message names the full configuration key so the operator knows what to fix.
internal sealed class PostsOptionsValidator(IEnumerable<PostFormat> formats) : IValidateOptions<PostsOptions>
{
    private readonly Dictionary<string, PostFormat> known = formats.ToDictionary(f => f.Channel, StringComparer.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, PostsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (channel, settings) in options.Channels)
        {
            string key = $"{PostsOptions.SectionName}:Channels:{channel}";
            if (!known.TryGetValue(channel, out var format))
            {
                failures.Add($"{key}: unknown channel '{channel}' (known: {string.Join(", ", known.Keys)}).");
                continue;
            }

            if (settings.Template is { } template)
            {
                if (!PostTemplate.TryParse(template, out var parsed, out string? error))
                {
                    failures.Add($"{key}:Template: {error}.");
                }
                else if (format.LinkOnlyInText && !parsed.Uses(TemplateField.Url))
                {
                    failures.Add($"{key}:Template: must contain {{url}}, the only place this network carries the article link.");
                }
            }

            if (settings.MaxHashtags is < 0 or > 10)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:MaxHashtags: must be between 0 and 10, was {settings.MaxHashtags}."));
            }

            if (settings.Thread.MaxPosts is < 2 or > 25)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:Thread:MaxPosts: must be between 2 and 25, was {settings.Thread.MaxPosts}."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
