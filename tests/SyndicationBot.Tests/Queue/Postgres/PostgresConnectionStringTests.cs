using Npgsql;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Postgres;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Queue.Postgres;

/// <summary>The PostgreSQL password comes from the secret sources, in the channels' order, and is never shown.</summary>
public sealed class PostgresConnectionStringTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _secrets = PostgresConnectionString.SecretsDirectory;

    public PostgresConnectionStringTests()
    {
        PostgresConnectionString.SecretsDirectory = _folder.Combine("secrets");
        Directory.CreateDirectory(PostgresConnectionString.SecretsDirectory);
    }

    public void Dispose()
    {
        PostgresConnectionString.SecretsDirectory = _secrets;
        _folder.Dispose();
    }

    [Fact]
    public void Resolve_PasswordSetting_WinsOverTheFileAndTheSecretFile()
    {
        // Arrange
        File.WriteAllText(_folder.Combine("pw"), "from-file");
        File.WriteAllText(_folder.Combine("secrets", "storage_password"), "from-secret");

        // Act
        var resolved = PostgresConnectionString.Resolve(Options(password: " from-env ", passwordFile: _folder.Combine("pw")));

        // Assert
        Assert.Equal("from-env", new NpgsqlConnectionStringBuilder(resolved).Password);
    }

    [Fact]
    public void Resolve_PasswordFile_IsReadTrimmed()
    {
        // Arrange
        File.WriteAllText(_folder.Combine("pw"), "from-file\n");
        File.WriteAllText(_folder.Combine("secrets", "storage_password"), "from-secret");

        // Act
        var resolved = PostgresConnectionString.Resolve(Options(passwordFile: _folder.Combine("pw")));

        // Assert
        Assert.Equal("from-file", new NpgsqlConnectionStringBuilder(resolved).Password);
    }

    [Fact]
    public void Resolve_OnlyTheConventionalSecretFile_IsUsed()
    {
        // Arrange
        File.WriteAllText(_folder.Combine("secrets", "storage_password"), "from-secret\n");

        // Act
        var resolved = PostgresConnectionString.Resolve(Options());

        // Assert
        Assert.Equal("from-secret", new NpgsqlConnectionStringBuilder(resolved).Password);
    }

    [Fact]
    public void Resolve_PasswordInTheConnectionString_IsKept()
    {
        // Act
        var resolved = PostgresConnectionString.Resolve(Options("Host=db;Username=bot;Password=inline", password: "other"));

        // Assert
        Assert.Equal("inline", new NpgsqlConnectionStringBuilder(resolved).Password);
    }

    [Fact]
    public void Masked_APassword_IsNeverShown()
    {
        // Act
        var masked = PostgresConnectionString.Masked("Host=db;Username=bot;Password=hunter2");

        // Assert
        Assert.DoesNotContain("hunter2", masked, StringComparison.Ordinal);
        Assert.Contains("Password=***", masked, StringComparison.Ordinal);
        Assert.Equal("(not shown)", PostgresConnectionString.Masked("Host=db;Password=\"unterminated"));
    }

    private static StorageOptions Options(string connectionString = "Host=db;Username=bot", string? password = null, string? passwordFile = null) =>
        new() { Provider = StorageOptions.Postgres, ConnectionString = connectionString, Password = password, PasswordFile = passwordFile };
}
