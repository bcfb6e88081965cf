using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace SyndicationBot.IntegrationTests.Channels.Bluesky;

/// <summary>
/// Runs the reference Bluesky PDS (<c>tests/oracles/bluesky-pds</c>: @atproto/pds with an in-memory did:plc
/// directory) on free loopback ports, installing it with <c>npm ci</c> on first use, and creates one account with
/// an app password. Without Node.js the tests fail with a message saying so; they are never skipped.
/// </summary>
public sealed class BlueskyPdsFixture : IAsyncLifetime
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(20);
    // Generous on purpose: the wait ends as soon as the PDS is ready, and node is slow to start on a loaded machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly StringBuilder output = new();
    private Process? process;
    private string? dataDirectory;

    public Uri PdsUrl { get; private set; } = null!;

    public string Handle { get; private set; } = null!;

    public string Did { get; private set; } = null!;

    public string AppPassword { get; private set; } = null!;

    /// <summary>The oracle's clock control (pds-oracle.js ORACLE_CLOCK_PORT): moves the PDS's own clock forward.</summary>
    public Uri ClockUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var oracle = Path.Combine(FindRepositoryRoot(), "tests", "oracles", "bluesky-pds");
        await RequireToolAsync("node");
        await RequireToolAsync("npm");
        if (!File.Exists(Path.Combine(oracle, "node_modules", ".package-lock.json"))
            || !Directory.Exists(Path.Combine(oracle, "node_modules", "@atproto", "pds"))
            || !Directory.Exists(Path.Combine(oracle, "node_modules", "@did-plc", "server")))
        {
            // First run on this machine: 80-100 s when idle (6 min measured on a loaded machine), better-sqlite3 compiles from source.
            await RunToCompletionAsync("npm", "ci --no-audit --no-fund", oracle, InstallTimeout);
        }

        dataDirectory = Directory.CreateTempSubdirectory("pds-oracle-").FullName;
        var start = new ProcessStartInfo("node", "pds-oracle.js")
        {
            WorkingDirectory = oracle,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PDS_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PLC_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PDS_DATA_DIRECTORY"] = dataDirectory;
        start.Environment["ORACLE_CLOCK_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node pds-oracle.js");
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        JsonObject? ready = null;
        try
        {
            while (ready is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }

                if (line.Contains("\"ready\":true", StringComparison.Ordinal))
                {
                    ready = JsonNode.Parse(line)!.AsObject();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with the PDS's own output.
        }

        if (ready is null)
        {
            throw new InvalidOperationException($"The reference PDS did not report ready within {StartTimeout.TotalSeconds} s. Its output:\n{Output()}");
        }

        // Keep draining stdout so the PDS never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        PdsUrl = new Uri(ready["pdsUrl"]!.GetValue<string>());
        ClockUrl = new Uri(ready["clockUrl"]!.GetValue<string>());
        var domain = ready["handleDomains"]!.AsArray()[0]!.GetValue<string>();
        await CreateAccountAsync(domain);
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        if (dataDirectory is not null && Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>Moves the PDS's clock forward, e.g. past the 120-minute life of its access tokens.</summary>
    public async Task AdvanceClockAsync(TimeSpan by)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(ClockUrl, $"/advance?seconds={(long)by.TotalSeconds}"), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Reads a stored post straight from the PDS, independently of the channel under test.</summary>
    public async Task<JsonObject> GetRecordAsync(string rkey)
    {
        using var http = new HttpClient();
        var url = new Uri(PdsUrl, $"/xrpc/com.atproto.repo.getRecord?repo={Uri.EscapeDataString(Did)}&collection=app.bsky.feed.post&rkey={rkey}");
        return (await http.GetFromJsonAsync<JsonObject>(url))!;
    }

    public async Task<int> CountPostsAsync()
    {
        using var http = new HttpClient();
        var url = new Uri(PdsUrl, $"/xrpc/com.atproto.repo.listRecords?repo={Uri.EscapeDataString(Did)}&collection=app.bsky.feed.post&limit=100");
        var list = (await http.GetFromJsonAsync<JsonObject>(url))!;
        return list["records"]!.AsArray().Count;
    }

    public async Task<byte[]> GetBlobAsync(string cid)
    {
        using var http = new HttpClient();
        return await http.GetByteArrayAsync(new Uri(PdsUrl, $"/xrpc/com.atproto.sync.getBlob?did={Uri.EscapeDataString(Did)}&cid={cid}"));
    }

    private async Task CreateAccountAsync(string handleDomain)
    {
        using var http = new HttpClient { BaseAddress = PdsUrl };
        Handle = $"newsbot{Guid.NewGuid().ToString("N")[..8]}{handleDomain}";
        var password = $"main-{Guid.NewGuid():N}";
        using var created = await http.PostAsJsonAsync("/xrpc/com.atproto.server.createAccount", new { handle = Handle, email = $"{Handle}@example.test", password });
        var account = await created.Content.ReadFromJsonAsync<JsonObject>();
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"createAccount failed on the reference PDS: {(int)created.StatusCode} {account}");
        }

        Did = account!["did"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/xrpc/com.atproto.server.createAppPassword")
        {
            Content = JsonContent.Create(new { name = "syndicationbot" }),
        };
        request.Headers.Authorization = new("Bearer", account["accessJwt"]!.GetValue<string>());
        using var appPassword = await http.SendAsync(request);
        appPassword.EnsureSuccessStatusCode();
        AppPassword = (await appPassword.Content.ReadFromJsonAsync<JsonObject>())!["password"]!.GetValue<string>();
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RequireToolAsync(string tool)
    {
        try
        {
            await RunToCompletionAsync(tool, "--version", Environment.CurrentDirectory, TimeSpan.FromSeconds(30));
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"The Bluesky PDS oracle tests need Node.js 18+ with npm on PATH ('{tool}' was not found: {ex.Message}). " +
                "Install Node.js (e.g. apt-get install nodejs npm); the tests then install tests/oracles/bluesky-pds with npm ci themselves.", ex);
        }
    }

    private static async Task RunToCompletionAsync(string fileName, string arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var run = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}");
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await run.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            run.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{fileName} {arguments}' in {workingDirectory} did not finish within {timeout}.");
        }

        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {arguments}' in {workingDirectory} failed with exit code {run.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SyndicationBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"SyndicationBot.sln not found above {AppContext.BaseDirectory}");
    }
}
