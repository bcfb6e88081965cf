using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace SyndicationBot.Channels.Telegram;

// Publishes to a Telegram channel through Telegram.Bot: sendMessage in HTML mode (the draft's text is
// already Telegram HTML), the article link as the preview. Telegram has no idempotency key, so an attempt
// whose answer is lost becomes Unknown.
internal sealed partial class TelegramChannel(
    ChannelAccount account,
    IHttpClientFactory httpClientFactory,
    IOptions<TelegramOptions> options,
    TimeProvider timeProvider,
    ILogger<TelegramChannel> logger) : IChannel
{
    public const string HttpClientName = "telegram";

    // deleteMessage: "A message can only be deleted if it was sent less than 48 hours ago"; a margin for clocks.
    private static readonly TimeSpan DeleteWindow = TimeSpan.FromHours(48) - TimeSpan.FromMinutes(10);

    // A group upgraded to a supergroup answers with its new id; keep it for the process's life (the operator
    // is told to update the configuration).
    private ChatId? migratedChatId;

    public string Name => account.Id;

    public bool Enabled => options.Value.Enabled;

    public DeliveryGuarantee Guarantee => TelegramNetwork.Descriptor.Guarantee;

    public static bool IsWellFormedToken(string token) => TokenShape().IsMatch(token);

    public async Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.Draft.ThreadReplies.Count > 0)
        {
            // No idempotency key here: a thread broken halfway could only be resumed by sending its head twice.
            Log.ThreadNotSupported(logger, post.PostId, Name, post.Draft.ThreadReplies.Count);
        }

        var result = await SendAsync(post, cancellationToken);
        ChannelOutcomeLog.Report(logger, post.PostId, Name, result);

        return result;
    }

    // A retraction deletes the message while the Bot API allows it (48 hours after sending); after that, or when
    // Telegram refuses the delete, the message is edited in place to a retraction note (edits have no time limit).
    public async Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var token = ChannelSecret.Resolve(settings.BotToken, settings.BotTokenFile, TelegramOptions.BotTokenSecretName);
        if (token is null || !IsWellFormedToken(token))
        {
            return new RetractResult.Failed("The bot token is missing or malformed");
        }

        if (!int.TryParse(request.RemoteId, NumberStyles.None, CultureInfo.InvariantCulture, out var messageId))
        {
            return new RetractResult.NotPossible($"'{request.RemoteId}' is not a Telegram message id");
        }

        var bot = new TelegramBotClient(
            new TelegramBotClientOptions(token, settings.BaseUrl.GetLeftPart(UriPartial.Authority)) { RetryThreshold = 0, RetryCount = 0 },
            httpClientFactory.CreateClient(HttpClientName),
            CancellationToken.None);
        var chatId = migratedChatId ?? ParseChatId(settings.ChatId!);
        try
        {
            var age = request.PublishedAt is { } sent ? timeProvider.GetUtcNow() - sent : TimeSpan.MaxValue;
            if (age < DeleteWindow)
            {
                try
                {
                    await bot.DeleteMessage(chatId, messageId, cancellationToken);
                    return new RetractResult.Deleted("deleted from the channel");
                }
                catch (ApiRequestException ex) when (ex.Message.Contains("message to delete not found", StringComparison.OrdinalIgnoreCase))
                {
                    return new RetractResult.Deleted("the channel no longer holds the message");
                }
                catch (ApiRequestException ex) when (ex.Message.Contains("can't be deleted", StringComparison.OrdinalIgnoreCase))
                {
                    // Past the window by Telegram's clock: the edit below still takes the story back.
                }
            }

            var note = "<b>Retracted</b>: " + System.Net.WebUtility.HtmlEncode(request.Reason);
            await bot.EditMessageText(chatId, messageId, note, ParseMode.Html, cancellationToken: cancellationToken);
            return new RetractResult.Corrected("edited to a retraction note (Telegram deletes only within 48 hours)");
        }
        catch (ApiRequestException ex)
        {
            return RetractResult.From(TelegramResponseClassifier.Classify(ex.ErrorCode, ex.Message, ex.Parameters?.RetryAfter, timeProvider.GetUtcNow()));
        }
        catch (RequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return RetractResult.From(TelegramResponseClassifier.ClassifyTransport(ex.HttpStatusCode, ex.InnerException));
        }
        catch (HttpRequestException ex)
        {
            return RetractResult.From(TelegramResponseClassifier.ClassifyTransport(ex.StatusCode, ex));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RetractResult.Failed("The Bot API did not answer the retraction in time");
        }
    }

    // Telegram offers no way to find a message by our key.
    public Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
        Task.FromResult<LookupResult>(new LookupResult.Unavailable("the Bot API cannot list a channel's messages"));

    private async Task<PublishResult> SendAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var token = ChannelSecret.Resolve(settings.BotToken, settings.BotTokenFile, TelegramOptions.BotTokenSecretName);
        if (token is null || !IsWellFormedToken(token))
        {
            return new PublishResult.AuthFailed("The bot token is missing or malformed");
        }

        var bot = new TelegramBotClient(
            new TelegramBotClientOptions(token, settings.BaseUrl.GetLeftPart(UriPartial.Authority))
            {
                // Waiting out a flood limit belongs to the ledger (RetryLater.NotBefore), not to a sleeping client.
                RetryThreshold = 0,
                RetryCount = 0,
            },
            httpClientFactory.CreateClient(HttpClientName),
            CancellationToken.None);

        var chatId = migratedChatId ?? ParseChatId(settings.ChatId!);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var message = await bot.SendMessage(
                    chatId,
                    post.Draft.Text,
                    ParseMode.Html,
                    linkPreviewOptions: PreviewFor(post, settings),
                    cancellationToken: cancellationToken);
                return new PublishResult.Published(message.MessageId.ToString(CultureInfo.InvariantCulture), PublicUrl(message, settings.ChatId!));
            }
            catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is { } newId && attempt == 0)
            {
                Log.ChatMigrated(logger, post.PostId, Name, newId);
                migratedChatId = chatId = newId;
            }
            catch (ApiRequestException ex)
            {
                return TelegramResponseClassifier.Classify(ex.ErrorCode, ex.Message, ex.Parameters?.RetryAfter, timeProvider.GetUtcNow());
            }
            catch (RequestException ex) when (!cancellationToken.IsCancellationRequested)
            {
                return TelegramResponseClassifier.ClassifyTransport(ex.HttpStatusCode, ex.InnerException);
            }
            catch (HttpRequestException ex)
            {
                return TelegramResponseClassifier.ClassifyTransport(ex.StatusCode, ex);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return TelegramResponseClassifier.ClassifyTransport(null, null);
            }
        }
    }

    private static LinkPreviewOptions PreviewFor(OutgoingPost post, TelegramOptions settings) =>
        settings.DisableLinkPreview || post.Draft.Link is null
            ? new LinkPreviewOptions { IsDisabled = settings.DisableLinkPreview }
            : new LinkPreviewOptions { Url = post.Draft.Link.AbsoluteUri };

    private static ChatId ParseChatId(string configured) =>
        long.TryParse(configured, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? new ChatId(id) : new ChatId(configured);

    private static Uri? PublicUrl(Message message, string configuredChat)
    {
        var username = message.Chat.Username ?? (configuredChat.StartsWith('@') ? configuredChat[1..] : null);
        if (username is not null)
        {
            return new Uri($"https://t.me/{username}/{message.MessageId}");
        }

        // Private channels: t.me/c/<id without the -100 prefix>/<message id>.
        var chat = message.Chat.Id.ToString(CultureInfo.InvariantCulture);
        return chat.StartsWith("-100", StringComparison.Ordinal) ? new Uri($"https://t.me/c/{chat[4..]}/{message.MessageId}") : null;
    }

    [GeneratedRegex(@"^\d+:[A-Za-z0-9_-]+$")]
    private static partial Regex TokenShape();

    private static partial class Log
    {


        [LoggerMessage(4, LogLevel.Warning, "Post {PostId}: {Channel} chat was upgraded to {NewChatId}; set Channels:Telegram:ChatId to it")]
        public static partial void ChatMigrated(ILogger logger, long postId, string channel, long newChatId);

        [LoggerMessage(5, LogLevel.Warning, "Post {PostId}: {Channel} sends one message per post; {ReplyCount} thread replies were not sent (disable threads for this channel)")]
        public static partial void ThreadNotSupported(ILogger logger, long postId, string channel, int replyCount);
    }
}
