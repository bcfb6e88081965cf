using System.Globalization;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Publishing.Budget;

/// <summary>Limits and costs must be positive, and a money cap needs a cost to count with; the message names the key.</summary>
internal sealed class ChannelBudgetOptionsValidator : IValidateOptions<ChannelBudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelBudgetOptions options)
    {
        var prefix = $"Channels:{name}:Budget:";
        var problems = new List<string>();
        Positive(options.PostsPerDay, "PostsPerDay");
        Positive(options.PostsPerMonth, "PostsPerMonth");
        NotNegative(options.CostPerPost, "CostPerPost");
        NotNegative(options.CostPerPostWithLink, "CostPerPostWithLink");
        NotNegative(options.MoneyPerMonth, "MoneyPerMonth");
        if (options.MoneyPerMonth is not null && options.CostPerPost is null && options.CostPerPostWithLink is null)
        {
            problems.Add($"{prefix}MoneyPerMonth needs {prefix}CostPerPost or {prefix}CostPerPostWithLink to count the spend with.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

        void Positive(int? value, string key)
        {
            if (value is < 1)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}{key} must be at least 1 (found {value}); leave it out for no limit."));
            }
        }

        void NotNegative(decimal? value, string key)
        {
            if (value is < 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}{key} must not be negative (found {value})."));
            }
        }
    }
}
