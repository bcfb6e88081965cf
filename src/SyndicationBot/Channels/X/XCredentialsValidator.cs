using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.X;

/// <summary>Fails start-up when the channel is enabled and a credential of its auth mode resolves to nothing, naming the key.</summary>
internal sealed class XCredentialsValidator : IValidateOptions<XOptions>
{
    public ValidateOptionsResult Validate(string? name, XOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> failures = [];
        if (options.BaseUrl is { IsAbsoluteUri: false } || options.BaseUrl?.Scheme is not ("http" or "https"))
        {
            failures.Add($"Channels:X:BaseUrl must be an absolute http(s) URL (got '{options.BaseUrl}').");
        }

        var required = options.Auth == XAuthMode.OAuth1
            ? XCredentials.OAuth1Keys(options)
            : XCredentials.OAuth2Keys(options);
        foreach (var (key, value) in required)
        {
            if (value is null)
            {
                failures.Add($"Channels:X:{key} is required when Channels:X:Enabled is true and Channels:X:Auth is {options.Auth} (set the environment variable Channels__X__{key}, the option Channels:X:{key}File, or the file /run/secrets/{XCredentials.SecretFileName(key)}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
