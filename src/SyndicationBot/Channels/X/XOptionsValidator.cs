using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.X;

[OptionsValidator]
internal sealed partial class XOptionsValidator : IValidateOptions<XOptions>;
