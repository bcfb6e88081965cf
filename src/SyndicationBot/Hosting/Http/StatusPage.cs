using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting.Http;

/// <summary>
/// <c>GET /</c>: the status page for people. Plain HTML and a little CSS, no script and no external asset; every value
/// shown is HTML-escaped, and no setting (so no secret) is ever shown. With <see cref="HttpOptions.AdminToken"/> set,
/// each channel and post gets its action buttons, which post the token the operator types.
/// </summary>
internal sealed class StatusPage(
    IPostQueue queue,
    IEnumerable<IChannel> channels,
    IChannelSwitches switches,
    IInputLedger inputs,
    IOptions<HttpOptions> options,
    TimeProvider timeProvider)
{
    private static readonly PostState[] Upcoming = [PostState.Queued, PostState.RetryWaiting, PostState.Publishing];
    private static readonly PostState[] Past = [PostState.Published, PostState.Failed, PostState.Skipped, PostState.Cancelled];
    private static readonly PostState[] Decisions = [PostState.InDoubt, PostState.Failed];
    private static readonly PostState[] HeldStates = [PostState.Held];

    /// <summary>Renders the page.</summary>
    public async Task<string> RenderAsync(CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        var admin = !string.IsNullOrEmpty(options.Value.AdminToken);
        var now = timeProvider.GetUtcNow();
        var paused = await switches.GetPausedAsync(cancellationToken);
        var upcoming = await queue.ListAsync(Upcoming, 20, newestFirst: false, cancellationToken);
        var history = await queue.ListAsync(Past, 20, newestFirst: true, cancellationToken);
        var decisions = await queue.ListAsync(Decisions, 50, newestFirst: true, cancellationToken);
        var held = await queue.ListAsync(HeldStates, 50, newestFirst: false, cancellationToken);
        var rejected = (await inputs.ListInputsAsync(500, cancellationToken)).Where(i => i.Outcome == IngestOutcome.Rejected).Take(20).ToList();

        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>SyndicationBot status</title>")
            .Append("<style>body{font-family:sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin-bottom:1.5rem}")
            .Append("th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f3f3f3}")
            .Append(".paused{color:#a40}.error{color:#b00}form{display:inline}</style></head><body>")
            .Append("<h1>SyndicationBot</h1><p>As of <time>").Append(Encode(Format(now))).Append("</time> (UTC).</p>");

        html.Append("<h2>Channels</h2><table id=\"channels\"><tr><th>Channel</th><th>Enabled</th><th>Paused</th><th>Last success</th><th>Last error</th>")
            .Append(admin ? "<th>Action</th>" : string.Empty).Append("</tr>");
        foreach (var channel in channels.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var isPaused = paused.ContainsKey(channel.Name) || paused.ContainsKey(ChannelPause.AllChannels);
            var lastSuccess = await queue.GetLastPublishedAsync(channel.Name, cancellationToken);
            var lastError = decisions.Concat(upcoming).Where(p => p.Channel == channel.Name && p.LastError is not null).Select(p => p.LastError).FirstOrDefault();
            html.Append("<tr data-channel=\"").Append(Encode(channel.Name)).Append("\"><td>").Append(Encode(channel.Name)).Append("</td><td>")
                .Append(channel.Enabled ? "yes" : "no").Append("</td><td").Append(isPaused ? " class=\"paused\">paused by the operator" : ">no").Append("</td><td>")
                .Append(lastSuccess is { } success ? Encode(Format(success)) : "never").Append("</td><td class=\"error\">")
                .Append(Encode(lastError ?? string.Empty)).Append("</td>");
            if (admin)
            {
                html.Append("<td>");
                AppendAction(html, $"/admin/channels/{Uri.EscapeDataString(channel.Name)}/{(isPaused ? "resume" : "pause")}", isPaused ? "Resume" : "Pause");
                html.Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
        AppendPosts(html, "Held for approval", "held", held, admin, p => Format(p.DueAt), "Held since (UTC)", ["approve", "cancel"]);
        AppendPosts(html, "Next posts due", "queue", upcoming, admin, p => Format(p.NextAttemptAt ?? p.DueAt), "Due (UTC)");
        AppendPosts(html, "Waiting for a decision", "decisions", decisions, admin, p => p.State.ToString(), "State");
        AppendPosts(html, "Recent history", "history", history, admin: false, p => Format(p.PublishedAt ?? p.DueAt), "When (UTC)");

        html.Append("<h2>Rejected inputs</h2><table id=\"rejected\"><tr><th>When (UTC)</th><th>Input</th><th>Reason</th></tr>");
        foreach (var input in rejected)
        {
            html.Append("<tr><td>").Append(Encode(Format(input.At))).Append("</td><td>").Append(Encode(input.Source)).Append("</td><td>").Append(Encode(input.Detail ?? string.Empty)).Append("</td></tr>");
        }

        html.Append("</table></body></html>");
        return html.ToString();
    }

    private static void AppendPosts(StringBuilder html, string title, string id, IReadOnlyList<QueuedPost> posts, bool admin, Func<QueuedPost, string> when, string whenHeader, string[]? actions = null)
    {
        actions ??= ["retry", "cancel"];
        html.Append("<h2>").Append(Encode(title)).Append("</h2><table id=\"").Append(id).Append("\"><tr><th>Post</th><th>Channel</th><th>")
            .Append(Encode(whenHeader)).Append("</th><th>Title</th><th>Detail</th>").Append(admin ? "<th>Action</th>" : string.Empty).Append("</tr>");
        foreach (var post in posts)
        {
            html.Append("<tr data-post=\"").Append(post.Id.ToString(CultureInfo.InvariantCulture)).Append("\"><td>")
                .Append(post.Id.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Encode(post.Channel)).Append("</td><td>")
                .Append(Encode(when(post))).Append("</td><td>").Append(Encode(post.ArticleTitle)).Append("</td><td>");
            if (post.State == PostState.Published && post.RemoteUrl is { } url && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            {
                html.Append("<a href=\"").Append(Encode(url.AbsoluteUri)).Append("\">").Append(Encode(url.AbsoluteUri)).Append("</a>");
            }
            else
            {
                html.Append(Encode(post.State == PostState.Published ? post.RemoteUrl?.AbsoluteUri ?? post.RemoteId ?? "published" : post.LastError ?? post.State.ToString()));
            }

            html.Append("</td>");
            if (admin)
            {
                html.Append("<td>");
                foreach (var action in actions)
                {
                    AppendAction(html, $"/admin/posts/{post.Id.ToString(CultureInfo.InvariantCulture)}/{action}", CultureInfo.InvariantCulture.TextInfo.ToTitleCase(action));
                }
                html.Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    // The token is typed by the operator into each form; the page never contains it.
    private static void AppendAction(StringBuilder html, string action, string label) =>
        html.Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">")
            .Append("<input type=\"password\" name=\"token\" placeholder=\"admin token\" required autocomplete=\"off\">")
            .Append("<button type=\"submit\">").Append(Encode(label)).Append("</button></form>");

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
