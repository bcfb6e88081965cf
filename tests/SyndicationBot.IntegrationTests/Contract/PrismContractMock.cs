using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit;

namespace SyndicationBot.IntegrationTests.Contract;

/// <summary>
/// The published OpenAPI specs of X and Mastodon served by Prism (tests/oracles/openapi): every request is validated
/// against the spec and a violating one leaves <c>Violation: request</c> in the log. Installs the pinned Prism with
/// <c>npm ci</c> on first use. Without Node.js the tests fail, saying so: a contract check that silently skips proves nothing.
/// </summary>
public sealed partial class PrismContractMock : IAsyncLifetime
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    // Generous on purpose: these wait only until the tool is ready, and node is slow to start on a loaded machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly ConcurrentDictionary<string, Lazy<Task<PrismInstance>>> instances = new();
    private readonly Lazy<Task> installation = new(InstallAsync);

    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "tests", "oracles", "openapi");

    /// <summary>Starts (once) the mock of <paramref name="api"/>: <c>x</c> or <c>mastodon</c>.</summary>
    public Task<PrismInstance> GetAsync(string api) =>
        instances.GetOrAdd(api, name => new Lazy<Task<PrismInstance>>(() => StartAsync(name))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var lazy in instances.Values.Where(l => l.IsValueCreated))
        {
            try
            {
                (await lazy.Value).Stop();
            }
            catch (InvalidOperationException)
            {
                // It never started; the test that needed it has already failed with the reason.
            }
        }
    }

    private async Task<PrismInstance> StartAsync(string api)
    {
        await installation.Value;
        var port = FreePort();
        var (exit, output) = await RunAsync("bash", ["start-prism.sh", api, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], StartTimeout,
            ("PRISM_START_SECONDS", ((int)(StartTimeout.TotalSeconds - 30)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var ready = ReadyLine().Match(output);
        if (exit != 0 || !ready.Success)
        {
            throw new InvalidOperationException($"Prism for {api} did not start (exit {exit}): {output}");
        }

        return new PrismInstance(new Uri(ready.Groups["url"].Value + "/"), int.Parse(ready.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture), ready.Groups["log"].Value);
    }

    private static async Task InstallAsync()
    {
        foreach (var tool in (string[])["node", "npm", "python3"])
        {
            try
            {
                await RunAsync(tool, ["--version"], TimeSpan.FromSeconds(30));
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                throw new InvalidOperationException(
                    $"The OpenAPI contract tests need Node.js 18+ with npm, and python3, on PATH; '{tool}' was not found ({exception.Message}). Install them (e.g. apt-get install nodejs npm python3) and run the tests again.", exception);
            }
        }

        if (!File.Exists(Path.Combine(Directory, "node_modules", ".bin", "prism")))
        {
            var (exit, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], InstallTimeout);
            if (exit != 0)
            {
                throw new InvalidOperationException($"npm ci in {Directory} failed (exit {exit}): {output}");
            }
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] arguments, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(timeout, TimeProvider.System);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SyndicationBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SyndicationBot.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("ready: (?<url>http://\\S+) pid (?<pid>\\d+) log (?<log>\\S+)")]
    private static partial Regex ReadyLine();
}

/// <summary>One running Prism mock: where it listens and the log it validates into.</summary>
public sealed class PrismInstance(Uri baseAddress, int processId, string logPath)
{
    public Uri BaseAddress => baseAddress;

    /// <summary>The log lines written so far.</summary>
    public string[] LogLines() => File.ReadAllLines(logPath);

    /// <summary>Every <c>Violation: request…</c> line, i.e. each way our requests broke the published contract.</summary>
    public IReadOnlyList<string> RequestViolations() => [.. LogLines().Where(l => l.Contains("Violation: request", StringComparison.Ordinal))];

    internal void Stop()
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PrismCollection : ICollectionFixture<PrismContractMock>
{
    public const string Name = "Prism OpenAPI contract mock";
}
