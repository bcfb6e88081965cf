using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels;

/// <summary>
/// Runs a network's options validator on one account's options only, and names that account's keys in the
/// failures: the validators (and the DataAnnotations messages of the generated ones) are written for the network's
/// own section (<c>Channels:X:ConsumerKey</c>), so for account <c>x-fr</c> the section, its environment-variable form
/// and the conventional secret file are rewritten to <c>Channels:x-fr:ConsumerKey</c>, <c>Channels__x-fr__…</c> and
/// <c>/run/secrets/x-fr_…</c>. Rewriting the message keeps each network's validator (and its tests) as it is.
/// </summary>
internal sealed class AccountOptionsValidator<TOptions>(ChannelAccount account, string defaultSection, IValidateOptions<TOptions> inner) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (!string.Equals(name ?? Options.DefaultName, account.OptionsName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var result = inner.Validate(name, options);
        return result.Failed && !account.IsDefault
            ? ValidateOptionsResult.Fail(result.Failures?.Select(Rewrite) ?? [Rewrite(result.FailureMessage)])
            : result;
    }

    private string Rewrite(string message)
    {
        var section = account.Section(defaultSection);
        var secrets = ChannelSecret.SecretsDirectory.TrimEnd('/') + "/";
        return message
            .Replace(defaultSection + ":", section + ":", StringComparison.OrdinalIgnoreCase)
            .Replace(defaultSection.Replace(":", "__", StringComparison.Ordinal) + "__", section.Replace(":", "__", StringComparison.Ordinal) + "__", StringComparison.OrdinalIgnoreCase)
            .Replace(secrets + account.Network.Name + "_", secrets + account.Id + "_", StringComparison.Ordinal)
            .Replace("/run/secrets/" + account.Network.Name + "_", "/run/secrets/" + account.Id + "_", StringComparison.Ordinal);
    }
}
