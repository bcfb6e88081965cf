using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Configuration;

/// <summary>Validation of options bound from a configuration section.</summary>
internal static class OptionsBuilderExtensions
{
    /// <summary>Validates the DataAnnotations of <typeparamref name="TOptions"/>, naming failures by their full key under <paramref name="sectionName"/>.</summary>
    public static OptionsBuilder<TOptions> ValidateDataAnnotationsWithKeys<TOptions>(this OptionsBuilder<TOptions> builder, string sectionName)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new KeyedDataAnnotationsValidator<TOptions>(builder.Name, sectionName));
        return builder;
    }
}
