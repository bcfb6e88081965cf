using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Configuration;

/// <summary>
/// DataAnnotations validation whose failures name the full configuration key (<c>Sources:Updates:MaxPerArticle</c>)
/// and the value found, where the framework's own validator names only the class and the property.
/// </summary>
internal sealed class KeyedDataAnnotationsValidator<TOptions>(string? name, string sectionName) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name1, TOptions options)
    {
        if (name is not null && !string.Equals(name, name1, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(result => Describe(options, result)));
    }

    private string Describe(TOptions options, ValidationResult result)
    {
        var member = result.MemberNames.FirstOrDefault();
        if (member is null)
        {
            return $"{sectionName}: {result.ErrorMessage}";
        }

        var key = sectionName + ":" + member;
        var value = typeof(TOptions).GetProperty(member)?.GetValue(options);
        var shown = Convert.ToString(value, CultureInfo.InvariantCulture);
        return $"{key}: {result.ErrorMessage} (found '{shown}'); set {key} in appsettings.json, the environment ({key.Replace(":", "__", StringComparison.Ordinal)}) or the command line (--{key}=…).";
    }
}
