using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Mastodon;

[OptionsValidator]
internal sealed partial class MastodonOptionsValidator : IValidateOptions<MastodonOptions>;
