using System.Text;
using Candor.Features.Advertisers;
using Candor.Features.Import;

namespace Candor.Tests.Import;

/// <summary>Reading NDJSON lines: numbering, line breaks, and lines too long to hold in memory.</summary>
public sealed class NdjsonSourceTests
{
    private static async Task<List<SourceRecord<AdvertiserInput>>> ReadAsync(string text, int maxLineChars = 200)
    {
        await using var source = new NdjsonSource<AdvertiserInput>(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLineChars);
        var records = new List<SourceRecord<AdvertiserInput>>();
        await foreach (var record in source.ReadAsync(CancellationToken.None)) records.Add(record);
        return records;
    }

    [Fact]
    public async Task Lines_are_numbered_through_blank_lines_and_crlf_and_the_last_line_needs_no_break()
    {
        var records = await ReadAsync("{\"id\":\"a\"}\r\n\r\n  \n{\"id\":\"b\"}\n{\"id\":\"c\"}");

        Assert.Equal([(1L, "a"), (4L, "b"), (5L, "c")], records.Select(r => (r.Line, r.Record!.Id!)));
        Assert.Equal("{\"id\":\"a\"}", records[0].Raw);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_rejected_with_its_start_and_the_next_line_is_read()
    {
        var records = await ReadAsync("{\"id\":\"" + new string('x', 5000) + "\"}\n{\"id\":\"b\"}\n", maxLineChars: 1000);

        Assert.Equal(2, records.Count);
        Assert.False(records[0].IsReadable);
        Assert.Contains("longer than 1000 characters", records[0].Problems[0].Message);
        Assert.Equal(200, records[0].Raw.Length);
        Assert.Equal((2L, "b"), (records[1].Line, records[1].Record!.Id!));
    }

    [Theory]
    [InlineData("[{\"id\":\"a\"}]", "a JSON array is not NDJSON")]
    [InlineData("{\"id\": 3}", "has the wrong type or format")]
    [InlineData("{\"id\": \"a\"", "is not valid JSON")]
    [InlineData("\"text\"", "must be one JSON object per line")]
    public async Task Unreadable_lines_say_why(string line, string reason)
    {
        var records = await ReadAsync(line + "\n");

        Assert.Contains(reason, Assert.Single(Assert.Single(records).Problems).Message);
    }
}
