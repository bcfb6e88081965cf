using Microsoft.Extensions.Options;

namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// Hand-written rather than <c>[OptionsValidator]</c>: nearly every rule is a parse (time zone, cron,
/// slots, quiet hours) or spans sections, and the messages must name the full key
/// (<c>Schedule:Channels:x:TimeZone</c>), which the generated validator cannot do for dictionary entries.
/// </summary>
internal sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        List<string> errors = [];
        return ScheduleSet.Build(options, errors) is null
            ? ValidateOptionsResult.Fail(errors)
            : ValidateOptionsResult.Success;
    }
}
