using System.Globalization;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Telegram;

// Hand-written rather than [OptionsValidator]: the token's presence depends on ChannelSecret, and its
// format check must never echo the token itself.
internal sealed class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> failures = [];
        if (options.BaseUrl is not { IsAbsoluteUri: true } baseUrl || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{TelegramOptions.SectionName}:BaseUrl must be an absolute http(s) URL (was '{options.BaseUrl}').");
        }

        if (!IsChatId(options.ChatId))
        {
            failures.Add($"{TelegramOptions.SectionName}:ChatId must be @channelusername or a numeric chat id such as -1001234567890 (was '{options.ChatId}').");
        }

        var token = ChannelSecret.Resolve(options.BotToken, options.BotTokenFile, TelegramOptions.BotTokenSecretName);
        if (token is null)
        {
            failures.Add(
                $"{TelegramOptions.SectionName}:BotToken is required when {TelegramOptions.SectionName}:Enabled is true: set the environment variable " +
                $"Channels__Telegram__BotToken, or {TelegramOptions.SectionName}:BotTokenFile, or the file {Path.Combine(ChannelSecret.SecretsDirectory, TelegramOptions.BotTokenSecretName)}.");
        }
        else if (!TelegramChannel.IsWellFormedToken(token))
        {
            failures.Add($"{TelegramOptions.SectionName}:BotToken does not look like a bot token (<bot id>:<secret>, as @BotFather issues it).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsChatId(string? chatId) =>
        chatId is { Length: > 1 }
        && (chatId[0] == '@' ? chatId.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c == '_') : long.TryParse(chatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
}
