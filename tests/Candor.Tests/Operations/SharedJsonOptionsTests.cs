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

    /// <summary>
    /// A guard, not proof: serialising with writable options freezes them too, so this can only catch a regression when it
    /// runs before anything else in the process used them. The test below checks <see cref="CandorJson.Frozen"/> itself.
    /// </summary>
    [Theory]
    [MemberData(nameof(SharedOptions))]
    public void Options_shared_across_requests_are_read_only(string name)
    {
        var options = Named(name);

        Assert.True(options.IsReadOnly);
        Assert.NotNull(options.TypeInfoResolver);
    }

    [Fact]
    public async Task Frozen_options_are_read_only_before_any_use_and_serve_many_threads_building_json_results_at_once()
    {
        var fresh = CandorJson.Configure(new JsonSerializerOptions(), strict: false);
        Assert.False(fresh.IsReadOnly);

        var frozen = CandorJson.Frozen(fresh);

        // Before anything serialises with them: nothing later can change them, so Results.Json never tries to.
        Assert.Same(fresh, frozen);
        Assert.True(frozen.IsReadOnly);
        Assert.NotNull(frozen.TypeInfoResolver);
        Assert.Throws<InvalidOperationException>(() => frozen.TypeInfoResolver = null);
        var built = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => Results.Json(new { n = i }, frozen, statusCode: 422))));
        Assert.Equal(64, built.Length);
        Assert.Equal("{\"some_field\":3}", JsonSerializer.Serialize(new { SomeField = 3 }, frozen)); // still Candor's snake_case
    }
}
