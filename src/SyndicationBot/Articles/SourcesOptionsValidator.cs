using System.Text;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Articles;

/// <summary>
/// Hand-written because the feed rules are per list element and cross-field (unique names, URL or path),
/// and each message must name the element's full key (<c>Sources:Feeds:2:Url</c>).
/// </summary>
internal sealed class SourcesOptionsValidator : IValidateOptions<SourcesOptions>
{
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(30);

    // A fetch that may take longer would hold a poll slot, and the feeds waiting for it, for too long.
    private static readonly TimeSpan MaxFetchTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, SourcesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.SeedsPath))
        {
            failures.Add("Sources:SeedsPath must name a folder.");
        }

        if (options.MaxFileBytes is < 1 or > 1L << 30)
        {
            failures.Add($"Sources:MaxFileBytes must be between 1 and 1073741824 bytes (was {options.MaxFileBytes}).");
        }

        if (options.MaxArticleAge is { } age && age <= TimeSpan.Zero)
        {
            failures.Add($"Sources:MaxArticleAge must be positive or absent (was {age}).");
        }

        if (options.FetchTimeout <= TimeSpan.Zero || options.FetchTimeout > MaxFetchTimeout)
        {
            failures.Add($"Sources:FetchTimeout must be more than 0 and at most {MaxFetchTimeout} (was {options.FetchTimeout}).");
        }

        HashSet<string> names = new(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Feeds.Count; i++)
        {
            var feed = options.Feeds[i];
            var key = $"Sources:Feeds:{i}";
            if (feed is null)
            {
                failures.Add($"{key} is empty.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(feed.Name))
            {
                failures.Add($"{key}:Name is required.");
            }
            else if (!names.Add(feed.Name))
            {
                failures.Add($"{key}:Name '{feed.Name}' is used by another feed.");
            }

            if (!IsUsableLocation(feed.Url))
            {
                failures.Add($"{key}:Url must be an absolute http(s) URL or a local file path (was '{feed.Url}').");
            }

            if (feed.PollInterval < MinPollInterval)
            {
                failures.Add($"{key}:PollInterval must be at least {MinPollInterval} (was {feed.PollInterval}).");
            }

            if (feed.FirstRunNewest < 0)
            {
                failures.Add($"{key}:FirstRunNewest must be 0 or more (was {feed.FirstRunNewest}).");
            }

            for (var t = 0; t < feed.Tags.Count; t++)
            {
                if (string.IsNullOrWhiteSpace(feed.Tags[t]))
                {
                    failures.Add($"{key}:Tags:{t} is empty.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsUsableLocation(string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return false;
        }

        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            return (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);
        }

        return location.IndexOfAny(Path.GetInvalidPathChars()) < 0 && !location.Contains("://", StringComparison.Ordinal);
    }
}
