using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.Extensions.Hosting;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// The command line: the <c>--Section:Key=value</c> settings go to the host builder (every verb), the rest is parsed by
/// System.CommandLine. Help, the version and usage errors are answered before any host is built, so they never start
/// the service or touch the ledger.
/// </summary>
internal static class SyndicationBotCommandLine
{
    /// <summary>Exit code of a usage error (unknown verb or option, missing or malformed argument).</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Parses <paramref name="args"/> and runs the verb against a host from <paramref name="createBuilder"/> (given the
    /// settings). Returns the process exit code.
    /// </summary>
    public static async Task<int> InvokeAsync(
        IReadOnlyList<string> args,
        Func<string[], HostApplicationBuilder> createBuilder,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createBuilder);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (settings, words) = ConfigurationArguments.Split(args);
        var root = new CommandVerbs(() => createBuilder(settings), output, error).CreateRoot();
        var parsed = root.Parse(words);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            var verb = parsed.CommandResult.Command == root ? string.Empty : " " + string.Join(' ', Path(parsed.CommandResult.Command));
            await error.WriteLineAsync($"See 'SyndicationBot{verb} --help'.");
            return UsageError;
        }

        return await parsed.InvokeAsync(
            new InvocationConfiguration
            {
                Output = output,
                Error = error,

                // The host owns SIGTERM/Ctrl+C for 'run' (graceful shutdown within HostOptions.ShutdownTimeout); the
                // parser's own handler would end the process after its shorter timeout.
                ProcessTerminationTimeout = null,
            },
            cancellationToken);
    }

    private static Stack<string> Path(Command command)
    {
        var names = new Stack<string>();
        for (Symbol? symbol = command; symbol is Command { Parents: var parents } current && current is not RootCommand; symbol = parents.FirstOrDefault())
        {
            names.Push(current.Name);
        }

        return names;
    }
}
