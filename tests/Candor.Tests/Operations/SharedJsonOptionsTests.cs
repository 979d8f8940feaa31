using System.Text.Json;
using Candor.Features.Evaluations;
using Candor.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Candor.Tests.Operations;

/// <summary>
/// A CI run once answered 500 to one TDB call in a hundred: <c>Results.Json</c> fills in a resolver on options that are
/// still writable, and two first requests racing there made one throw. Shared options are therefore frozen when built.
/// </summary>
public sealed class SharedJsonOptionsTests
{
    public static TheoryData<string> SharedOptions() => ["output", "strict", "evaluation_hits"];

    private static JsonSerializerOptions Named(string name) => name switch
    {
        "output" => CandorJson.Output,
        "strict" => CandorJson.Strict,
        _ => EvaluationHits.Options,
    };

    [Theory]
    [MemberData(nameof(SharedOptions))]
    public void Options_shared_across_requests_are_read_only_before_first_use(string name)
    {
        var options = Named(name);

        Assert.True(options.IsReadOnly);
        Assert.NotNull(options.TypeInfoResolver);
    }

    [Fact]
    public async Task Freezing_fresh_options_lets_many_threads_build_json_results_at_once()
    {
        var fresh = CandorJson.Frozen(CandorJson.Configure(new JsonSerializerOptions(), strict: false));

        var built = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => Results.Json(new { n = i }, fresh, statusCode: 422))));

        Assert.Equal(64, built.Length);
        Assert.Equal("{\"n\":3}", JsonSerializer.Serialize(new { n = 3 }, fresh));
    }
}
