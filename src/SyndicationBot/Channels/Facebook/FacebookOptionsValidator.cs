using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Facebook;

// Hand-written rather than [OptionsValidator]: the credentials' presence depends on ChannelSecret.
internal sealed partial class FacebookOptionsValidator : IValidateOptions<FacebookOptions>
{
    public ValidateOptionsResult Validate(string? name, FacebookOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> failures = [];
        if (options.BaseUrl is not { IsAbsoluteUri: true } baseUrl || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{FacebookOptions.SectionName}:BaseUrl must be an absolute http(s) URL (was '{options.BaseUrl}').");
        }

        if (!VersionShape().IsMatch(options.ApiVersion ?? string.Empty))
        {
            failures.Add($"{FacebookOptions.SectionName}:ApiVersion must look like v23.0 (was '{options.ApiVersion}').");
        }

        if (string.IsNullOrWhiteSpace(options.PageId) || !options.PageId.All(char.IsAsciiDigit))
        {
            failures.Add($"{FacebookOptions.SectionName}:PageId must be the Page's numeric id (was '{options.PageId}').");
        }

        if (ChannelSecret.Resolve(options.PageAccessToken, options.PageAccessTokenFile, FacebookOptions.PageAccessTokenSecretName) is null)
        {
            failures.Add(Missing("PageAccessToken", FacebookOptions.PageAccessTokenSecretName));
        }

        if (ChannelSecret.Resolve(options.AppSecret, options.AppSecretFile, FacebookOptions.AppSecretSecretName) is null)
        {
            failures.Add(Missing("AppSecret", FacebookOptions.AppSecretSecretName));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Missing(string key, string secretName) =>
        $"{FacebookOptions.SectionName}:{key} is required when {FacebookOptions.SectionName}:Enabled is true: set the environment variable " +
        $"Channels__Facebook__{key}, or {FacebookOptions.SectionName}:{key}File, or the file {Path.Combine(ChannelSecret.SecretsDirectory, secretName)}.";

    [GeneratedRegex(@"^v\d+\.\d+$")]
    private static partial Regex VersionShape();
}
