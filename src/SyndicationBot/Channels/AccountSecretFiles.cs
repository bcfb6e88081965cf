using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels;

/// <summary>
/// Gives a named account its own conventional secret files: a credential <c>P</c> with neither a value nor a
/// <c>PFile</c> is read from <c>/run/secrets/&lt;id&gt;_&lt;p&gt;</c> (<c>x-fr_access_token</c>), never from the
/// network's <c>/run/secrets/x_access_token</c>, so a second account can never post with the first one's token.
/// </summary>
internal sealed class AccountSecretFiles<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(ChannelAccount account)
    : IPostConfigureOptions<TOptions>
    where TOptions : class
{
    public void PostConfigure(string? name, TOptions options)
    {
        if (account.IsDefault || !string.Equals(name, account.OptionsName, StringComparison.Ordinal))
        {
            return;
        }

        foreach (var file in typeof(TOptions).GetProperties())
        {
            if (file.PropertyType != typeof(string) || !file.Name.EndsWith("File", StringComparison.Ordinal) || !file.CanWrite
                || typeof(TOptions).GetProperty(file.Name[..^4]) is not { } value || value.PropertyType != typeof(string))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace((string?)value.GetValue(options)) && string.IsNullOrWhiteSpace((string?)file.GetValue(options)))
            {
                file.SetValue(options, Path.Combine(ChannelSecret.SecretsDirectory, account.Id + "_" + SnakeCase(value.Name)));
            }
        }
    }

    // AccessTokenSecret → access_token_secret, the convention of the network's own secret files.
    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
