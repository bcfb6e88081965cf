using System.Text.Json.Serialization;
using SyndicationBot.Posts;

namespace SyndicationBot.Queue;

/// <summary>Source-generated JSON for what the ledger stores (the composed post), so it stays trimming-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PostDraft))]
internal sealed partial class QueueJsonContext : JsonSerializerContext;
