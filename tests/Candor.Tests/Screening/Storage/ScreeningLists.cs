using Candor.Features.Screening;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Screening.Storage;

/// <summary>Small list files written per test, and a unique slug per test so tests sharing one database never collide.</summary>
public static class ScreeningLists
{
    public static string NewSlug(string prefix = "t") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public const string CustomHeader = "id,name,aliases,type,country,listed_on,legal_basis,scope,source_url\n";

    public static string Custom(params string[] rows) => ScreeningFiles.Write("custom.csv", CustomHeader + string.Join("\n", rows) + "\n");

    public static string KasperskyRow => "bod-17-01,AO Kaspersky Lab,Kaspersky Lab;Kaspersky,organization,RU,2017-09-13,DHS BOD 17-01,Remove products,https://www.cisa.gov/x";
    public static string HuaweiRow => "fcc-1,Huawei Technologies Company,Huawei,organization,CN,2021-03-12,FCC Covered List,Equipment,https://www.fcc.gov/x";
    public static string ZteRow => "fcc-2,ZTE Corporation,ZTE,organization,CN,2021-03-12,FCC Covered List,Equipment,https://www.fcc.gov/x";

    public static async Task<ListImportSummary> ImportAsync(AppFixture app, string path, string slug, string format = "custom-csv") =>
        await app.WithDbAsync(db => ImportList.RunAsync(db, app.Clock, new ListImportRequest(path, slug, format), null, CancellationToken.None));
}
