using System.Globalization;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;
using SyndicationBot.Publishing;
using SyndicationBot.Publishing.Budget;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// <c>status [--json]</c>: the health an operator checks, in two parts. Alive: whether a service is running on this
/// ledger (its heartbeats, with their age). Needs attention: channels held back by refused credentials and the posts
/// that need a decision (in doubt, failed). Also: posts whose network asked for a wait beyond Dispatch:MaxServerWait, channels enabled or paused by the operator, posts per state, the next
/// due post. Exit code 0 when alive and nothing needs attention, 1 when something needs attention, 3 when no service
/// is running (and nothing needs attention).
/// </summary>
internal sealed class StatusCommand(
    IPostQueue queue,
    IEnumerable<IChannel> channels,
    IServiceHeartbeats heartbeats,
    IChannelSwitches switches,
    IOptions<HealthOptions> health,
    TimeProvider timeProvider,
    BudgetMeter? budgets = null)
{
    /// <summary>Exit code when no service is running on the ledger.</summary>
    public const int NotRunning = 3;

    private const string AuthMarker = "authentication failed";

    public async Task<int> RunAsync(bool json, TextWriter output, CancellationToken cancellationToken)
    {
        // Read first, so a bad Health setting is reported even when there is no heartbeat to judge.
        var staleAfter = health.Value.ServiceStaleAfter;
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
        var budgetDeferred = waiting.Where(p => p.LastError?.StartsWith(BudgetUsage.Marker, StringComparison.Ordinal) == true).ToList();
        var usage = new List<BudgetUsage>();
        foreach (var channel in enabled)
        {
            if (budgets is not null && await budgets.UsageAsync(channel, timeProvider.GetUtcNow(), cancellationToken) is { } use)
            {
                usage.Add(use);
            }
        }

        var healthy = attention.Count == 0 && paused.Count == 0;
        var now = timeProvider.GetUtcNow();
        var beats = await heartbeats.ListHeartbeatsAsync(cancellationToken);
        var fresh = beats.Where(b => now - b.At <= staleAfter).ToList();
        var alive = fresh.Count > 0;
        var switchedOff = (await switches.GetPausedAsync(cancellationToken)).Values.OrderBy(p => p.Channel, StringComparer.Ordinal).ToList();

        if (json)
        {
            await CommandOutput.WriteJsonAsync(output, writer =>
            {
                writer.WriteStartObject();
                writer.WriteBoolean("healthy", healthy);
                writer.WriteBoolean("alive", alive);
                writer.WriteBoolean("attentionNeeded", !healthy);
                writer.WriteString("now", now.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteStartArray("services");
                foreach (var beat in beats)
                {
                    writer.WriteStartObject();
                    writer.WriteString("owner", beat.Owner);
                    writer.WriteString("loop", beat.Loop);
                    writer.WriteString("startedAt", beat.StartedAt.ToString("O", CultureInfo.InvariantCulture));
                    writer.WriteString("lastBeatAt", beat.At.ToString("O", CultureInfo.InvariantCulture));
                    writer.WriteNumber("ageSeconds", Math.Round((now - beat.At).TotalSeconds, 1));
                    writer.WriteBoolean("alive", now - beat.At <= staleAfter);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartArray("operatorPaused");
                foreach (var pause in switchedOff)
                {
                    writer.WriteStartObject();
                    writer.WriteString("channel", pause.Channel == ChannelPause.AllChannels ? "all" : pause.Channel);
                    writer.WriteString("since", pause.PausedAt.ToString("O", CultureInfo.InvariantCulture));
                    writer.WriteString("reason", pause.Reason);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
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
                WriteBudgets(writer, usage, budgetDeferred);
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
            await output.WriteLineAsync($"Alive:    {DescribeAlive(beats, fresh, now)}");
            await output.WriteLineAsync($"Health:   {(healthy ? "ok, nothing needs attention" : "needs attention")}");
            await output.WriteLineAsync($"Channels: {string.Join(", ", enabled)}");
            foreach (var pause in switchedOff)
            {
                var which = pause.Channel == ChannelPause.AllChannels ? "all channels" : pause.Channel;
                await output.WriteLineAsync($"SWITCHED OFF {which} since {pause.PausedAt.ToString("O", CultureInfo.InvariantCulture)} by 'channel pause'{(pause.Reason is null ? string.Empty : " (" + pause.Reason + ")")}; posts kept, 'channel resume' to publish again");
            }

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

            if (counts.TryGetValue(PostState.Held, out var heldCount) && heldCount > 0)
            {
                await output.WriteLineAsync($"HELD      {heldCount} posts wait for approval ('queue list' shows them, 'queue approve <id>' releases one, 'queue cancel <id>' refuses it)");
            }

            foreach (var use in usage)
            {
                await output.WriteLineAsync($"BUDGET    {Describe(use)}");
            }

            foreach (var post in budgetDeferred)
            {
                await output.WriteLineAsync($"DEFERRED  post {post.Id} on {post.Channel}: {post.LastError}");
            }

            foreach (var post in attention)
            {
                await output.WriteLineAsync($"{post.State,-9} post {post.Id} on {post.Channel}: {post.ArticleTitle} — {post.LastError}");
            }
        }

        return !healthy ? 1 : alive ? 0 : NotRunning;
    }

    private static string Describe(BudgetUsage use)
    {
        var parts = new List<string>
        {
            $"{use.Channel}: {use.PostsToday}{(use.PostsPerDay is { } d ? "/" + d.ToString(CultureInfo.InvariantCulture) : string.Empty)} posts today ({use.Day:yyyy-MM-dd})",
            $"{use.PostsThisMonth}{(use.PostsPerMonth is { } m ? "/" + m.ToString(CultureInfo.InvariantCulture) : string.Empty)} in {use.Month} (forecast {use.ForecastPosts})",
        };
        if (use.Spent is { } spent)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"spent {spent}{(use.MoneyPerMonth is { } cap ? $"/{cap}" : string.Empty)} {use.Currency} (forecast {use.ForecastSpend} {use.Currency})"));
        }

        return string.Join(", ", parts);
    }

    private static void WriteBudgets(System.Text.Json.Utf8JsonWriter writer, List<BudgetUsage> usage, List<QueuedPost> deferred)
    {
        writer.WriteStartArray("budgets");
        foreach (var use in usage)
        {
            writer.WriteStartObject();
            writer.WriteString("channel", use.Channel);
            writer.WriteString("day", use.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteNumber("postsToday", use.PostsToday);
            WriteNumber("postsPerDay", use.PostsPerDay);
            writer.WriteString("month", use.Month);
            writer.WriteNumber("postsThisMonth", use.PostsThisMonth);
            WriteNumber("postsPerMonth", use.PostsPerMonth);
            writer.WriteNumber("forecastPosts", use.ForecastPosts);
            WriteMoney("spent", use.Spent);
            WriteMoney("moneyPerMonth", use.MoneyPerMonth);
            WriteMoney("forecastSpend", use.ForecastSpend);
            writer.WriteString("currency", use.Currency);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("budgetDeferred");
        foreach (var post in deferred)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", post.Id);
            writer.WriteString("channel", post.Channel);
            writer.WriteString("reason", post.LastError);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        void WriteNumber(string name, int? value)
        {
            if (value is { } v)
            {
                writer.WriteNumber(name, v);
            }
            else
            {
                writer.WriteNull(name);
            }
        }

        void WriteMoney(string name, decimal? value)
        {
            if (value is { } v)
            {
                writer.WriteNumber(name, v);
            }
            else
            {
                writer.WriteNull(name);
            }
        }
    }

    private static string DescribeAlive(IReadOnlyList<ServiceHeartbeat> beats, List<ServiceHeartbeat> fresh, DateTimeOffset now)
    {
        if (fresh.Count > 0)
        {
            var services = fresh.GroupBy(b => b.Owner, StringComparer.Ordinal)
                .Select(g => $"{g.Key} ({string.Join(", ", g.OrderBy(b => b.Loop, StringComparer.Ordinal).Select(b => $"{b.Loop} {Age(now - b.At)} ago"))})");
            return "yes, a service is running: " + string.Join("; ", services);
        }

        return beats.Count == 0
            ? "no service is running (none has written a heartbeat to this ledger); start it with 'run'"
            : $"no service is running (the last heartbeat is {Age(now - beats[0].At)} old, from {beats[0].Owner}); start it with 'run'";
    }

    private static string Age(TimeSpan age) =>
        age < TimeSpan.FromMinutes(2) ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
        : age < TimeSpan.FromHours(2) ? $"{(int)age.TotalMinutes} min"
        : age < TimeSpan.FromDays(2) ? $"{(int)age.TotalHours} h"
        : $"{(int)age.TotalDays} days";
}
