using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Resilience;

/// <summary>Cross-field rules of one channel's pipeline; every message names the full key and the offending value.</summary>
internal sealed class ChannelResilienceOptionsValidator : IValidateOptions<ChannelResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelResilienceOptions options)
    {
        var prefix = $"Channels:{name}:Resilience:";
        List<string> failures = [];
        if (options.PermitsPerWindow < 0)
        {
            failures.Add($"{prefix}PermitsPerWindow must be 0 (no limit) or more (got {options.PermitsPerWindow}).");
        }

        if (options.PermitsPerWindow > 0 && options.Window <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}Window must be positive (got {options.Window}).");
        }

        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(10) || options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add($"{prefix}AttemptTimeout must be at least 10 ms and no more than {prefix}TotalTimeout (got {options.AttemptTimeout} and {options.TotalTimeout}).");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{prefix}MaxRetryAttempts must be between 0 and 10 (got {options.MaxRetryAttempts}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.MaxInPipelineDelay < options.RetryBaseDelay)
        {
            failures.Add($"{prefix}RetryBaseDelay must be non-negative and no more than {prefix}MaxInPipelineDelay (got {options.RetryBaseDelay} and {options.MaxInPipelineDelay}).");
        }

        if (options.BreakerFailureRatio is <= 0 or > 1)
        {
            failures.Add($"{prefix}BreakerFailureRatio must be in (0, 1] (got {options.BreakerFailureRatio}).");
        }

        if (options.BreakerMinimumThroughput < 2)
        {
            failures.Add($"{prefix}BreakerMinimumThroughput must be at least 2 (got {options.BreakerMinimumThroughput}).");
        }

        if (options.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || options.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"{prefix}BreakerSamplingDuration and {prefix}BreakDuration must be at least 500 ms (got {options.BreakerSamplingDuration} and {options.BreakDuration}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
