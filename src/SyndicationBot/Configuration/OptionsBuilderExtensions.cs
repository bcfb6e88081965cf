using Microsoft.Extensions.Configuration;
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

    /// <summary>
    /// Checks each value inside the lists and dictionaries under <paramref name="sectionName"/>, which the binder
    /// would otherwise drop silently with their whole element, naming failures by their full key.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateElementsWithKeys<TOptions>(this OptionsBuilder<TOptions> builder, string sectionName)
        where TOptions : class
    {
        var name = builder.Name;
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(provider =>
            new ConfigurationElementValidator<TOptions>(provider.GetRequiredService<IConfiguration>(), name, sectionName));
        return builder;
    }
}
