using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.Webhook;

/// <summary>
/// Posts each post as one JSON body signed with HMAC-SHA256. Receivers are unknown, so the guarantee is
/// <see cref="DeliveryGuarantee.None"/>; the <c>X-SyndicationBot-Delivery</c> header carries a stable id per post
/// so a receiver that wants to can drop a repeat.
/// </summary>
internal sealed partial class WebhookChannel(
    ChannelAccount account,
    IHttpClientFactory httpClientFactory,
    IOptions<WebhookOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookChannel> logger) : IChannel
{
    public const string HttpClientName = "SyndicationBot.Channels.Webhook";
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Lazy<(Uri? Url, string? Secret)> target = new(() =>
    {
        var url = WebhookOptionsValidator.ResolveUrl(options.Value);
        return (url is null ? null : new Uri(url), WebhookOptionsValidator.ResolveSecret(options.Value));
    });

    public string Name => account.Id;

    public bool Enabled => options.Value.Enabled;

    public DeliveryGuarantee Guarantee => WebhookNetwork.Descriptor.Guarantee;

    public async Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        var (url, secret) = target.Value;
        if (url is null)
        {
            return new PublishResult.AuthFailed("Webhook: no URL configured (Channels:Webhook:Url).");
        }

        var format = options.Value.Format;
        var body = Serialize(post, format);
        if (format == WebhookFormat.Discord)
        {
            // Without wait=true Discord answers 204 and no message id.
            url = new UriBuilder(url) { Query = string.IsNullOrEmpty(url.Query) ? "wait=true" : url.Query.TrimStart('?') + "&wait=true" }.Uri;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        if (secret is not null)
        {
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(secret, body));
        }

        request.Headers.Add(WebhookSignature.DeliveryHeaderName, post.IdempotencyKey);
        PublishResult result;
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            result = WebhookResponseClassifier.Classify(response, content, post.IdempotencyKey, timeProvider.GetUtcNow());
        }
        catch (HttpRequestException exception)
        {
            result = TransportFailure.Classify(exception, Guarantee);
        }

        ChannelOutcomeLog.Report(logger, post.PostId, Name, result);

        return result;
    }

    public Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<RetractResult>(new RetractResult.NotPossible("this build sends no retraction event yet: tell the receiver by hand"));

    public Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
        Task.FromResult<LookupResult>(new LookupResult.Unavailable("a webhook cannot be asked what it received"));

    internal static byte[] Serialize(OutgoingPost post, WebhookFormat format)
    {
        var draft = post.Draft;
        var link = draft.Link?.AbsoluteUri;
        return format switch
        {
            // The text is the article's, not ours: "@everyone", "@here" or "<@id>" in it must not ping anyone.
            WebhookFormat.Discord => JsonSerializer.SerializeToUtf8Bytes(
                new DiscordPayload(draft.Text, string.IsNullOrEmpty(draft.Title) ? null : [new DiscordEmbed(draft.Title, link)], DiscordAllowedMentions.None),
                WebhookJsonContext.Default.DiscordPayload),
            WebhookFormat.Slack => JsonSerializer.SerializeToUtf8Bytes(new SlackPayload(SlackEscape(draft.Text)), WebhookJsonContext.Default.SlackPayload),
            _ => JsonSerializer.SerializeToUtf8Bytes(
                new WebhookPayload(draft.Title, draft.Text, link, draft.Language, draft.Channel, post.PostId),
                WebhookJsonContext.Default.WebhookPayload),
        };
    }

    // Slack reads "<!everyone>", "<!here>", "<!channel>", "<@U…>" and "<url|label>" as controls; its escaping rule
    // is exactly these three characters, and the escaped text is shown as written.
    private static string SlackEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    private static partial class Log
    {

    }
}
