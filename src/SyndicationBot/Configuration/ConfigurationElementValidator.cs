using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Configuration;

/// <summary>
/// Checks every value inside the lists and dictionaries of a section against the type it binds to. The binder
/// throws for a bad value of a plain property, but silently drops a list element or dictionary entry it cannot bind
/// (<c>Sources:Feeds:0:PollInterval=soon</c> loses the whole feed): here that is an error naming the full key.
/// </summary>
internal sealed class ConfigurationElementValidator<TOptions>(IConfiguration configuration, string? name, string sectionName) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name1, TOptions options)
    {
        if (name is not null && !string.Equals(name, name1, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new List<string>();
        Walk(configuration.GetSection(sectionName), typeof(TOptions), insideElement: false, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Walk(IConfigurationSection section, Type type, bool insideElement, List<string> problems)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(target))
        {
            // Outside lists and dictionaries the binder reports a bad value itself.
            if (insideElement && !string.IsNullOrEmpty(section.Value) && !Converts(section.Value, target))
            {
                problems.Add($"{section.Path}: '{section.Value}' is not {Describe(target)}; fix {section.Path} in appsettings.json, the environment ({section.Path.Replace(":", "__", StringComparison.Ordinal)}) or the command line.");
            }

            return;
        }

        if (ElementType(target, typeof(IDictionary<,>), 1) is { } valueType)
        {
            foreach (var child in section.GetChildren())
            {
                Walk(child, valueType, insideElement: true, problems);
            }

            return;
        }

        if (ElementType(target, typeof(IEnumerable<>), 0) is { } elementType)
        {
            foreach (var child in section.GetChildren())
            {
                Walk(child, elementType, insideElement: true, problems);
            }

            return;
        }

        foreach (var child in section.GetChildren())
        {
            if (target.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } property)
            {
                Walk(child, property.PropertyType, insideElement, problems);
            }
        }
    }

    // What the binder converts from one string (TypeDescriptor, as it does); classes and collections it binds by keys.
    private static bool IsScalar(Type type) =>
        type == typeof(string) || type.IsEnum || type.IsPrimitive || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static bool Converts(string value, Type type)
    {
        try
        {
            _ = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException or NotSupportedException || exception.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static Type? ElementType(Type type, Type generic, int argument)
    {
        if (type == typeof(string))
        {
            return null;
        }

        var match = type.IsGenericType && type.GetGenericTypeDefinition() == generic
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);
        return match?.GetGenericArguments()[argument];
    }

    private static string Describe(Type type) =>
        type == typeof(TimeSpan) ? "a time span (hh:mm:ss)"
        : type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) ? "a whole number"
        : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? "a number"
        : type == typeof(Uri) ? "a URL"
        : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? "a date and time (ISO 8601)"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
        : string.Create(CultureInfo.InvariantCulture, $"a {type.Name}");
}
