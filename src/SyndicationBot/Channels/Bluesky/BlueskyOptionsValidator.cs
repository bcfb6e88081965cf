using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Bluesky;

// Hand-written rather than [OptionsValidator]: whether the credential exists depends on ChannelSecret
// (environment, file or /run/secrets), which DataAnnotations cannot express.
internal sealed class BlueskyOptionsValidator : IValidateOptions<BlueskyOptions>
{
    public ValidateOptionsResult Validate(string? name, BlueskyOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> failures = [];
        if (options.BaseUrl is not { IsAbsoluteUri: true } baseUrl || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{BlueskyOptions.SectionName}:BaseUrl must be an absolute http(s) URL (was '{options.BaseUrl}').");
        }

        if (string.IsNullOrWhiteSpace(options.Identifier))
        {
            failures.Add($"{BlueskyOptions.SectionName}:Identifier is required when {BlueskyOptions.SectionName}:Enabled is true (the handle, DID or e-mail of the account).");
        }

        if (options.MaxThumbBytes is < 1 or > 1_000_000)
        {
            failures.Add($"{BlueskyOptions.SectionName}:MaxThumbBytes must be between 1 and 1000000 (was {options.MaxThumbBytes}).");
        }

        if (ChannelSecret.Resolve(options.AppPassword, options.AppPasswordFile, BlueskyOptions.AppPasswordSecretName) is null)
        {
            failures.Add(
                $"{BlueskyOptions.SectionName}:AppPassword is required when {BlueskyOptions.SectionName}:Enabled is true: set the environment variable " +
                $"Channels__Bluesky__AppPassword, or {BlueskyOptions.SectionName}:AppPasswordFile, or the file {Path.Combine(ChannelSecret.SecretsDirectory, BlueskyOptions.AppPasswordSecretName)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
