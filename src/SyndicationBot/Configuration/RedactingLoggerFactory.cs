using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Configuration;

/// <summary>
/// The logger factory every part of the service logs through: each message, each structured value and each
/// exception text (message and stack trace, inner exceptions included) passes through <see cref="SecretRedactor"/>
/// before any provider (console, JSON console, a test collector) sees it. Channel outcomes are already masked where
/// they are made; this is the floor under everything else, such as an HTTP library's exception that quotes a URL
/// holding a webhook token. No logging library here redacts by value (Microsoft.Extensions.Compliance redacts by
/// data classification of typed properties, which an exception's text has not), so this is hand-written.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner, SecretRedactor redactor) : ILoggerFactory
{
    /// <summary>Makes the container's <see cref="ILoggerFactory"/> a redacting one, whichever providers are added before or after.</summary>
    public static void Register(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new RedactingLoggerFactory(
            new LoggerFactory(
                provider.GetServices<ILoggerProvider>(),
                provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                provider.GetService<IOptions<LoggerFactoryOptions>>(),
                provider.GetService<IExternalScopeProvider>()),
            provider.GetRequiredService<SecretRedactor>())));
    }

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner, SecretRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            if (redactor.IsEmpty)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var message = redactor.Redact(formatter(state, exception)) ?? string.Empty;
            var redacted = new RedactedState(state as IReadOnlyList<KeyValuePair<string, object?>>, message, redactor);
            inner.Log(logLevel, eventId, redacted, exception is null ? null : new RedactedException(exception, redactor), static (s, _) => s.ToString());
        }
    }

    // The structured values as the JSON console formatter writes them: strings (and anything else by its text) masked.
    private sealed class RedactedState : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] values;
        private readonly string message;

        public RedactedState(IReadOnlyList<KeyValuePair<string, object?>>? values, string message, SecretRedactor redactor)
        {
            this.message = message;
            this.values = values is null ? [] : [.. values.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value switch
            {
                null => null,
                string text => redactor.Redact(text),
                int or long or double or decimal or bool or DateTimeOffset or DateTime or TimeSpan or Enum => pair.Value,
                var other => redactor.Redact(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)),
            }))];
        }

        public int Count => values.Length;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}

/// <summary>An exception as a log line prints it (type, message, stack, inner exceptions), with every secret masked.</summary>
internal sealed class RedactedException(Exception original, SecretRedactor redactor)
    : Exception(redactor.Redact(original.Message))
{
    private readonly string text = redactor.Redact(original.ToString()) ?? string.Empty;

    /// <summary>The type of the exception that was logged.</summary>
    public Type OriginalType { get; } = original.GetType();

    public override string? StackTrace => null;

    public override string ToString() => text;
}
