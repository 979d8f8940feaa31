using System.Globalization;
using Candor.Features.Ads;
using Candor.Features.Advertisers;
using CsvHelper;

namespace Candor.Features.Demo;

/// <summary>What reading the Guardian file did: records read, skipped as malformed, and repaired.</summary>
public sealed record GuardianReport(int Records, int Ads, int MalformedSkipped, int MojibakeRowsRepaired, int MojibakeFieldsRepaired);

/// <summary>
/// Meta ads for the search "the voice", collected by The Guardian Australia in 2023 (guardian-au2023-tagged-ads.csv),
/// repaired: full ad ids from the Ad Library link, Mac Roman mojibake undone, malformed records skipped and counted.
/// </summary>
public static class GuardianAds
{
    public const string Source = "meta-au";

    // The file has no delivery dates. Ads are placed in the referendum campaign, from its announcement (30 August
    // 2023) to voting day (14 October 2023): each starts on a day chosen by its id and runs for a week.
    public static readonly DateTimeOffset CampaignStart = new(2023, 8, 30, 0, 0, 0, TimeSpan.Zero);
    public const int CampaignDays = 46;
    public const int RunDays = 7;

    public static (List<AdvertiserInput> Advertisers, List<AdInput> Ads, GuardianReport Report) Load(Stream csv)
    {
        using var reader = CsvReader.Create(csv, new CsvReaderOptions { Separator = ',' });
        var advertisers = new Dictionary<string, AdvertiserInput>(StringComparer.Ordinal);
        var ads = new List<AdInput>();
        int records = 0, malformed = 0, repairedRows = 0, repairedFields = 0;
        while (reader.Read())
        {
            records++;
            var adId = AdLibraryIds.Recover(reader.GetString("ad_id"), reader.GetString("ad_snapshot_url"));
            if (adId is null) { malformed++; continue; }
            var fields = new RowText(reader, ["page_name", "ad_creative_bodies", "ad_creative_link_titles", "ad_creative_link_captions", "ad_creative_link_descriptions"]);
            if (fields.Repaired > 0) { repairedRows++; repairedFields += fields.Repaired; }
            var pageName = DemoText.Name(fields["page_name"]) ?? "(unnamed page)";
            var advertiserId = AdLibraryIds.Advertiser(Source, reader.GetString("page_id"), pageName);
            advertisers.TryAdd(advertiserId, new AdvertiserInput(advertiserId, pageName, null, "AU", [], VerificationStatus.Unverified));
            ads.Add(ToAd(adId, advertiserId, fields, reader.GetString("voice_ad"), reader.GetString("side"), reader.GetString("ad_snapshot_url")));
        }
        return ([.. advertisers.Values], ads, new GuardianReport(records, ads.Count, malformed, repairedRows, repairedFields));
    }

    private static AdInput ToAd(string adId, string advertiserId, RowText fields, string voiceAd, string side, string snapshotUrl)
    {
        var start = DeliveryStart(adId);
        return new AdInput(adId, advertiserId,
            Title: DemoText.Fit(PythonListText.Joined(fields["ad_creative_link_titles"], " / "), AdLimits.Title),
            Body: DemoText.Fit(Paragraphs(fields["ad_creative_bodies"], PythonListText.Joined(fields["ad_creative_link_descriptions"], "\n\n")), AdLimits.Body),
            LandingUrl: PythonListText.Values(fields["ad_creative_link_captions"]).Select(LandingPage.FromCaption).FirstOrDefault(u => u is not null),
            Media: [new MediaReference(MediaType.Html, snapshotUrl.Trim())],
            Language: "en",
            Subject: Label(voiceAd, side),
            DeliveryStart: start, DeliveryEnd: start.AddDays(RunDays - 1),
            Status: AdStatus.Ended, Targeting: [], ReachByCountry: new Dictionary<string, long>(), CommercialCommunication: false);
    }

    private static string Paragraphs(params string?[] parts) =>
        string.Join("\n\n", parts.Select(p => p?.Trim()).Where(p => p is { Length: > 0 }));

    public static DateTimeOffset DeliveryStart(string adId) =>
        CampaignStart.AddDays((int)(ulong.Parse(adId, CultureInfo.InvariantCulture) % (CampaignDays - RunDays + 1)));

    /// <summary>The Guardian's hand label, where there is one: whether the ad is about the Voice, and which side.</summary>
    private static string? Label(string voiceAd, string side) => (voiceAd.Trim(), side.Trim()) switch
    {
        ("1", "") => "Voice to Parliament referendum",
        ("1", var s) => $"Voice to Parliament referendum ({s})",
        _ => null,
    };

    /// <summary>The text fields of one row, each repaired of mojibake once, counting the repairs.</summary>
    private sealed class RowText
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public RowText(CsvReader reader, string[] columns)
        {
            foreach (var column in columns)
            {
                var raw = reader.GetString(column);
                var repaired = MacRomanMojibake.Repair(raw);
                if (!ReferenceEquals(raw, repaired)) Repaired++;
                _values[column] = repaired;
            }
        }

        public int Repaired { get; }

        public string this[string column] => _values[column];
    }
}
