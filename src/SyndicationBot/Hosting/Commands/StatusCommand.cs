using System.Globalization;
using SyndicationBot.Channels;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// <c>status [--json]</c>: the health an operator checks — channels enabled, posts per state, the next due post,
/// channels held back by refused credentials, posts whose network asked for a wait beyond Dispatch:MaxServerWait,
/// and the posts that need a decision (in doubt, failed).
/// Exit code 1 when something needs the operator (in-doubt or failed posts, a paused channel).
/// </summary>
internal sealed class StatusCommand(IPostQueue queue, IEnumerable<IChannel> channels, TimeProvider timeProvider)
{
    private const string AuthMarker = "authentication failed";

    public async Task<int> RunAsync(bool json, TextWriter output, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        var counts = await queue.CountByStateAsync(cancellationToken);
        var next = await queue.GetNextWakeAsync(cancellationToken);
        var attention = await queue.ListAsync([PostState.InDoubt, PostState.Failed], 20, newestFirst: true, cancellationToken);
        var waiting = await queue.ListAsync([PostState.Queued, PostState.RetryWaiting], 500, newestFirst: false, cancellationToken);
        var paused = waiting
            .Where(p => p.LastError?.StartsWith(AuthMarker, StringComparison.Ordinal) == true)
            .GroupBy(p => p.Channel, StringComparer.Ordinal)
            .Select(g => (Channel: g.Key, Reason: g.First().LastError!, Posts: g.Count()))
            .ToList();
        var capped = waiting
            .Where(p => p.State == PostState.RetryWaiting && p.LastError?.Contains(RetryPolicy.BeyondMaxServerWait, StringComparison.Ordinal) == true)
            .ToList();
        var enabled = channels.Where(c => c.Enabled).Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        var healthy = attention.Count == 0 && paused.Count == 0;

        if (json)
        {
            await CommandOutput.WriteJsonAsync(output, writer =>
            {
                writer.WriteStartObject();
                writer.WriteBoolean("healthy", healthy);
                writer.WriteString("now", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                writer.WriteStartArray("enabledChannels");
                enabled.ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                writer.WriteStartObject("posts");
                foreach (var state in Enum.GetValues<PostState>())
                {
                    writer.WriteNumber(state.ToString(), counts.TryGetValue(state, out var n) ? n : 0);
                }

                writer.WriteEndObject();
                if (next is { } wake)
                {
                    writer.WriteString("nextDueAt", wake.ToString("O", CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteNull("nextDueAt");
                }

                writer.WriteStartArray("pausedChannels");
                foreach (var (channel, reason, posts) in paused)
                {
                    writer.WriteStartObject();
                    writer.WriteString("channel", channel);
                    writer.WriteString("reason", reason);
                    writer.WriteNumber("postsKept", posts);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartArray("serverWaitsCapped");
                foreach (var post in capped)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("id", post.Id);
                    writer.WriteString("channel", post.Channel);
                    writer.WriteString("nextAttemptAt", post.NextAttemptAt?.ToString("O", CultureInfo.InvariantCulture));
                    writer.WriteString("reason", post.LastError);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartArray("needsAttention");
                foreach (var post in attention)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("id", post.Id);
                    writer.WriteString("channel", post.Channel);
                    writer.WriteString("state", post.State.ToString());
                    writer.WriteString("title", post.ArticleTitle);
                    writer.WriteString("reason", post.LastError);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            });
        }
        else
        {
            await output.WriteLineAsync($"Health:   {(healthy ? "ok" : "needs attention")}");
            await output.WriteLineAsync($"Channels: {string.Join(", ", enabled)}");
            await output.WriteLineAsync("Posts:    " + string.Join(", ", Enum.GetValues<PostState>().Select(s => $"{s} {(counts.TryGetValue(s, out var n) ? n : 0)}")));
            await output.WriteLineAsync($"Next due: {(next is { } wake ? wake.ToString("O", CultureInfo.InvariantCulture) : "(nothing queued)")}");
            foreach (var (channel, reason, posts) in paused)
            {
                await output.WriteLineAsync($"PAUSED    {channel}: {reason} ({posts} posts kept; fix the credentials, the channel is retried automatically)");
            }

            foreach (var post in capped)
            {
                await output.WriteLineAsync($"CAPPED    post {post.Id} on {post.Channel}: {post.LastError}");
            }

            foreach (var post in attention)
            {
                await output.WriteLineAsync($"{post.State,-9} post {post.Id} on {post.Channel}: {post.ArticleTitle} — {post.LastError}");
            }
        }

        return healthy ? 0 : 1;
    }
}
