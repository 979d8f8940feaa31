using System.Net;
using System.Text.RegularExpressions;
using Candor.Tests.Infrastructure;

namespace Candor.Tests.Demo;

/// <summary><c>candor serve --demo</c> as a user runs it: a real process on its own port.</summary>
public sealed class DemoServeTests
{
    [Fact]
    public async Task The_notice_link_printed_at_start_points_at_the_port_serve_listens_on_and_opens()
    {
        var file = Path.Combine(Path.GetTempPath(), $"candor-demo-{Guid.NewGuid():N}.db");
        try
        {
            await using var server = await CandorServerProcess.StartAsync(file, "--demo");

            var link = Regex.Match(server.Output, @"its notice: (\S+?)\. Console reviewer");
            Assert.True(link.Success, server.Output);
            Assert.StartsWith(server.BaseAddress.GetLeftPart(UriPartial.Authority) + "/notices/", link.Groups[1].Value, StringComparison.Ordinal);
            using var client = new HttpClient();
            var notice = await client.GetAsync(link.Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, notice.StatusCode);
            Assert.Contains("ADV-4.3", await notice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*")) File.Delete(f);
        }
    }
}
