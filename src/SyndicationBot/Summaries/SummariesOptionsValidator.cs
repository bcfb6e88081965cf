using Microsoft.Extensions.Options;

namespace SyndicationBot.Summaries;

[OptionsValidator]
internal sealed partial class SummariesOptionsValidator : IValidateOptions<SummariesOptions>;
