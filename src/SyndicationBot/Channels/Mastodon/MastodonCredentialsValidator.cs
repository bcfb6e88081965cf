using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Mastodon;

/// <summary>An enabled Mastodon channel needs an instance URL and a token; the message names the key.</summary>
internal sealed class MastodonCredentialsValidator : IValidateOptions<MastodonOptions>
{
    public const string SecretName = "mastodon_access_token";

    public static string? ResolveToken(MastodonOptions options) => ChannelSecret.Resolve(options.AccessToken, options.AccessTokenFile, SecretName);

    public ValidateOptionsResult Validate(string? name, MastodonOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> failures = [];
        if (options.BaseUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            failures.Add($"Channels:Mastodon:BaseUrl must be the instance's absolute http(s) URL when Channels:Mastodon:Enabled is true (got '{options.BaseUrl}').");
        }

        if (ResolveToken(options) is null)
        {
            failures.Add($"Channels:Mastodon:AccessToken is required when Channels:Mastodon:Enabled is true (set the environment variable Channels__Mastodon__AccessToken, the option Channels:Mastodon:AccessTokenFile, or the file /run/secrets/{SecretName}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
