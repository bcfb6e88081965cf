using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels.Outbox;
using SyndicationBot.Channels.X;

namespace SyndicationBot.Channels;

/// <summary>
/// Stops start-up, naming the key, for a section under <c>Channels:</c> that is no account (unknown network, bad id),
/// and for two enabled accounts that would share one local file: an outbox file (each would skip the other's keys
/// as already written) or an X OAuth 2.0 token file (each would rotate the other's refresh token away).
/// </summary>
internal sealed class ChannelAccountsValidator(
    ChannelAccounts accounts,
    IOptionsMonitor<OutboxOptions> outboxes,
    IOptionsMonitor<XOptions> xAccounts,
    IHostEnvironment environment) : IValidateOptions<ChannelAccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelAccountsOptions options)
    {
        var problems = new List<string>(accounts.Problems);
        SharedFiles(problems, OutboxNetwork.Name, "Path", OutboxOptions.SectionName, account => TryGet(outboxes, account) is { Enabled: true } o ? o.Path : null);
        SharedFiles(problems, XNetwork.Name, "TokenFile", XOptions.SectionName, account => TryGet(xAccounts, account) is { Enabled: true, Auth: XAuthMode.OAuth2 } x ? x.TokenFile : null);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private void SharedFiles(List<string> problems, string network, string key, string defaultSection, Func<ChannelAccount, string?> fileOf)
    {
        var byFile = accounts.All
            .Where(a => a.Network.Name == network)
            .Select(a => (Account: a, File: fileOf(a)))
            .Where(x => x.File is not null)
            .GroupBy(x => Path.GetFullPath(x.File!, environment.ContentRootPath), StringComparer.Ordinal);
        foreach (var shared in byFile.Where(g => g.Count() > 1))
        {
            var keys = string.Join(" and ", shared.Select(x => $"{x.Account.Section(defaultSection)}:{key}"));
            problems.Add($"{keys} are the same file '{shared.Key}': two enabled {network} accounts cannot share it; give each account its own {key}.");
        }
    }

    // An account whose own options are invalid is reported by its own validator; here it simply has no file.
    private static TOptions? TryGet<TOptions>(IOptionsMonitor<TOptions> monitor, ChannelAccount account)
        where TOptions : class
    {
        try
        {
            return monitor.Get(account.OptionsName);
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }
}
