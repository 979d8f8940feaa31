using System.Text;
using System.Text.Json;
using Candor.Infrastructure;

namespace Candor.Features.Ads;

/// <summary>
/// What ingestion needs from a normalised record's JSON, from one serialisation: its content hash and its
/// JSON columns. Each column is the record's own property value, byte for byte what serialising that value
/// alone gives, so the record is not serialised four times (bench/Candor.Bench `stages` shows the cost).
/// </summary>
public sealed record SerialisedAd(string Hash, string MediaJson, string TargetingJson, string ReachByCountryJson)
{
    public static SerialisedAd Of(AdInput normalised)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(normalised, CandorJson.Output);
        string media = "[]", targeting = "[]", reach = "{}";
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("media"u8) ? 1 : reader.ValueTextEquals("targeting"u8) ? 2 : reader.ValueTextEquals("reach_by_country"u8) ? 3 : 0;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (property == 0) continue;
            var value = Encoding.UTF8.GetString(json, start, (int)reader.BytesConsumed - start);
            if (property == 1) media = value;
            else if (property == 2) targeting = value;
            else reach = value;
        }
        return new SerialisedAd(ContentHash.OfJson(json), media, targeting, reach);
    }
}
