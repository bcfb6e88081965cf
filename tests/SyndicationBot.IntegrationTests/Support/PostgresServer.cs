using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SyndicationBot.IntegrationTests.Support;

/// <summary>
/// The PostgreSQL server the integration tests use, started once per test run. With <c>SYNDICATIONBOT_TEST_POSTGRES</c>
/// set (an Npgsql connection string of a user allowed to create databases), that server is used. Otherwise a
/// throwaway cluster is created with the server's own binaries (<c>initdb</c>, <c>pg_ctl</c> from
/// <c>/usr/lib/postgresql/*/bin</c> or the PATH, installed with <c>apt-get install -y postgresql</c> when missing and
/// this runs as root), in a temp folder, as the <c>postgres</c> OS user when running as root (initdb refuses root),
/// on a free 127.0.0.1 port, and stopped when the test process exits. Never skips: without a server it fails, saying
/// what to install or set. Each test class gets its own database (<see cref="CreateDatabaseAsync"/>).
/// </summary>
internal sealed class PostgresServer
{
    /// <summary>The variable naming an existing server.</summary>
    public const string Variable = "SYNDICATIONBOT_TEST_POSTGRES";

    private const string ClusterPrefix = "syndicationbot-pg-";
    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    /// <summary>A connection string to the server's maintenance database, as a user that may create databases.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The server of this test run, started on first use.</summary>
    public static Task<PostgresServer> SharedAsync() => Instance.Value;

    /// <summary>Creates an empty database for one test class and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"sb_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{new string([.. purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20)])}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name}; ", connection);
            await command.ExecuteNonQueryAsync();
            command.CommandText = $"CREATE DATABASE {name};";
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } existing)
        {
            await using var connection = new NpgsqlConnection(existing);
            try
            {
                await connection.OpenAsync();
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException)
            {
                throw new InvalidOperationException($"{Variable} names a PostgreSQL server the tests cannot reach ({exception.Message}). Start it, or unset {Variable} to let the tests start their own cluster.", exception);
            }

            return new PostgresServer(existing);
        }

        var bin = FindBinaries() ?? await InstallAsync() ?? throw new InvalidOperationException(
            "The PostgreSQL tests need a server: install the PostgreSQL server binaries (Debian/Ubuntu: 'sudo apt-get install -y postgresql', which provides /usr/lib/postgresql/<version>/bin/initdb and pg_ctl), " +
            $"or set {Variable} to the connection string of a server where the test user may create databases (e.g. 'Host=127.0.0.1;Port=5432;Username=postgres;Password=…').");
        StopStrayClusters(bin);
        var folder = Path.Combine(Path.GetTempPath(), ClusterPrefix + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", folder], asPostgres: false);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], asRoot);
        var port = FreePort();

        // Durability settings off: a test cluster is thrown away, and fsync on a shared disk costs minutes per run.
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "120", "start"], asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(bin, folder, data, asRoot);
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=60");
    }

    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin"))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            : Enumerable.Empty<string>();
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        return candidates.Concat(onPath).FirstOrDefault(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")));
    }

    // The same install .ci/run does, for a developer's machine where the test runs as root (a container).
    private static async Task<string?> InstallAsync()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            return null;
        }

        try
        {
            await RunAsync("apt-get", ["update", "-qq"], asPostgres: false);
            await RunAsync("apt-get", ["install", "-y", "-qq", "postgresql"], asPostgres: false, ("DEBIAN_FRONTEND", "noninteractive"));
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        return FindBinaries();
    }

    // A test process killed before its exit handler ran leaves its cluster running: the next run stops it.
    private static void StopStrayClusters(string bin)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            var pidFile = Path.Combine(folder, "owner.pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsRunning(pid))
            {
                continue;
            }

            Stop(bin, folder, Path.Combine(folder, "data"), Environment.UserName == "root");
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Stop(string bin, string folder, string data, bool asRoot)
    {
        try
        {
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                using var process = Process.Start(Start(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asRoot));
                process?.WaitForExit(30_000);
            }

            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // Best effort at exit; the next run's StopStrayClusters tries again.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProcessStartInfo Start(string file, IReadOnlyList<string> arguments, bool asPostgres, params (string Name, string Value)[] environment)
    {
        var info = asPostgres ? new ProcessStartInfo("runuser") : new ProcessStartInfo(file);
        if (asPostgres)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", file])
            {
                info.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetTempPath();
        return info;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres, params (string Name, string Value)[] environment)
    {
        using var process = Process.Start(Start(file, arguments, asPostgres, environment))
            ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' exited {process.ExitCode}: {await error}{await output}");
        }
    }
}
