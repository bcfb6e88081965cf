using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Webhook;

/// <summary>An enabled webhook needs a URL, and a secret when it sends our own JSON; the message names the key.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public const string UrlSecretName = "webhook_url";
    public const string SecretName = "webhook_secret";

    public static string? ResolveUrl(WebhookOptions options) => ChannelSecret.Resolve(options.Url, options.UrlFile, UrlSecretName);

    public static string? ResolveSecret(WebhookOptions options) => ChannelSecret.Resolve(options.Secret, options.SecretFile, SecretName);

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> failures = [];
        var url = ResolveUrl(options);
        if (url is null)
        {
            failures.Add($"Channels:Webhook:Url is required when Channels:Webhook:Enabled is true (set the environment variable Channels__Webhook__Url, the option Channels:Webhook:UrlFile, or the file /run/secrets/{UrlSecretName}).");
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            // The URL may carry a token: say what is wrong without printing it.
            failures.Add("Channels:Webhook:Url must be an absolute http(s) URL.");
        }

        if (options.Format == WebhookFormat.Json && ResolveSecret(options) is null)
        {
            failures.Add($"Channels:Webhook:Secret is required when Channels:Webhook:Enabled is true and Channels:Webhook:Format is json (set the environment variable Channels__Webhook__Secret, the option Channels:Webhook:SecretFile, or the file /run/secrets/{SecretName}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
