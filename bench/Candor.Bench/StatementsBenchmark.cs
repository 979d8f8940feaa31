using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Candor.Data;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Tdb;
using Candor.Tests.Decisions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Candor.Bench;

/// <summary>
/// <c>statements</c>: statements of reasons per second through POST /api/v1/statements (100 per call: parsing,
/// TDB validation, the puid check and storage with the "issued" event) against raw batched inserts of the same
/// decision and event rows into the same tables, interleaved within each round.
/// </summary>
public sealed class StatementsBenchmark(BenchHost host, DatabaseEngine engine, int count, TextWriter log)
{
    public const string Raw = "raw insert (baseline)";
    public const string RawCopy = "raw COPY";
    public const string OneClient = "API, 1 client";
    public const string TwoClients = "API, 2 clients";
    private const int Batch = 100;

    private byte[][] _bodies = [];
    private List<Decision> _decisions = [];

    public Task PrepareAsync(CancellationToken ct)
    {
        var statements = Enumerable.Range(0, count).Select(Sample).ToList();
        _bodies = statements.Chunk(Batch)
            .Select(b => Encoding.UTF8.GetBytes(new JsonObject { ["statements"] = new JsonArray(b.Select(s => (JsonNode)s.DeepClone()).ToArray()) }.ToJsonString()))
            .ToArray();
        var now = TimeProvider.System.GetUtcNow();
        _decisions = statements.Select(s => TdbValidation.Validate(TdbSamples.Input(s), TdbEndpoint.Statements).Statement!)
            .Select(s => TdbStatementRows.ToDecision(s, host.PlatformId, Guid.CreateVersion7(now), now, DecisionMethods.ApiMulti)).ToList();
        return Task.CompletedTask;
    }

    /// <summary>Realistic variety: both grounds, several enums, facts of a few hundred characters with accents.</summary>
    public static JsonObject Sample(int i)
    {
        var s = TdbSamples.Statement($"bench-{i:D7}")
            .With("decision_facts", $"Ad {i} for 'Wunderkur {i % 97}' claims a cure for diabetes within {i % 30 + 1} days; the landing page " +
                $"shop{i % 500}.example.org sells an unlicensed supplement. Geprüft am {i % 28 + 1}. Oktober: no authorisation number shown, " +
                "testimonials are stock photos, and the price is only shown after sign-up.")
            .With("territorial_scope", new JsonArray("DE", "AT", "FR", "IT", "ES"))
            .With("category_specification", new JsonArray("KEYWORD_MISLEADING_INFO_GOODS_SERVICES"))
            .With("content_language", "DE");
        if (i % 2 == 0)
            s.With("decision_ground", "DECISION_GROUND_ILLEGAL_CONTENT").With("illegal_content_legal_ground", "§ 3 HWG (Heilmittelwerbegesetz)")
                .With("illegal_content_explanation", "Advertising a medicinal cure without authorisation is prohibited in Germany.");
        return s;
    }

    public async Task<List<Measurement>> RunRoundAsync(int round, CancellationToken ct)
    {
        var results = new List<Measurement>();
        var meter = await host.WithDbAsync(db => CpuMeter.ForAsync(db, ct));
        async Task Measure(string phase, Func<Task> action)
        {
            await host.ClearDecisionsAsync(ct);
            var cpuBefore = meter.Read();
            var (elapsed, jit, _) = await JitWarmUp.TimeAsync(action);
            var cpu = meter.Read() - cpuBefore;
            var m = new Measurement(engine, phase, round, count, elapsed);
            results.Add(m);
            CpuResults.Add((engine, phase, cpu));
            // Statements per CPU-second: of the bench process (Candor server + HTTP client, or the raw loop), of the
            // PostgreSQL server, and of both; an idle 2-core machine offers 2 CPU-seconds per second.
            log.WriteLine($"  {engine,-8} round {round}  {phase,-24} {m.AdsPerSecond,10:N0} statements/s" +
                          $"   cpu {cpu.BenchProcess,6:N2} s bench process, {cpu.Postgres,6:N2} s postgres" +
                          $"   per CPU-s: {PerSecond(count, cpu.BenchProcess),8:N0} bench, {PerSecond(count, cpu.Postgres),8:N0} postgres, " +
                          $"{PerSecond(count, cpu.BenchProcess + cpu.Postgres),8:N0} both   JIT {jit.TotalMilliseconds,5:N0} ms");
            var stored = await host.WithDbAsync(db => db.Decisions.CountAsync(ct));
            if (stored != count) throw new InvalidOperationException($"Expected {count} statements stored, found {stored}.");
        }

        await Measure(Raw, () => host.WithDbAsync(async db => { await RawInsertAsync(db, _decisions, ct); return 0; }));
        if (engine == DatabaseEngine.Postgres) await Measure(RawCopy, () => host.WithDbAsync(async db => { await RawCopyAsync(db, _decisions, ct); return 0; }));
        using var client = host.Client();
        using var second = host.Client();
        await Measure(OneClient, () => PostAllAsync(client, _bodies, ct));
        await Measure(TwoClients, () => Task.WhenAll(
            PostAllAsync(client, _bodies.Where((_, i) => i % 2 == 0).ToArray(), ct),
            PostAllAsync(second, _bodies.Where((_, i) => i % 2 == 1).ToArray(), ct)));
        await Measure(Raw, () => host.WithDbAsync(async db => { await RawInsertAsync(db, _decisions, ct); return 0; }));
        return results;
    }

    /// <summary>CPU time of every measured phase, for the CPU-time summary.</summary>
    public List<(DatabaseEngine Engine, string Phase, CpuTime Cpu)> CpuResults { get; } = [];

    /// <summary>
    /// Median statements per CPU-second per phase, and what that makes on an idle machine with two cores, when the
    /// whole work (Candor, PostgreSQL, the client) shares them: 2 / (CPU seconds per statement).
    /// </summary>
    public void WriteCpuSummary()
    {
        log.WriteLine();
        log.WriteLine("| engine | phase | statements per CPU-s, bench process | per CPU-s, postgres | per CPU-s, both | idle 2-core estimate (statements/s) |");
        log.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var phase in CpuResults.GroupBy(r => (r.Engine, r.Phase)))
        {
            static double Median(IEnumerable<double> values)
            {
                var sorted = values.Order().ToList();
                return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
            }
            var bench = Median(phase.Select(p => p.Cpu.BenchProcess));
            var postgres = Median(phase.Select(p => p.Cpu.Postgres));
            var both = Median(phase.Select(p => p.Cpu.BenchProcess + p.Cpu.Postgres));
            log.WriteLine($"| {phase.Key.Engine} | {phase.Key.Phase} | {PerSecond(count, bench)} | {PerSecond(count, postgres)} | {PerSecond(count, both)} | " +
                          $"{PerSecond(count * 2, both)} |");
        }
    }

    private static string PerSecond(int statements, double seconds) => seconds <= 0 ? "—" : (statements / seconds).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The baseline: the same decision rows and one event each, plain INSERTs (no conflict clause, no RETURNING,
    /// no validation, no HTTP), one transaction per 100. Values are the EF type mappings' parameters, as the API's.
    /// </summary>
    private static async Task RawInsertAsync(CandorDb db, List<Decision> decisions, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var decisionTable = Table(db, typeof(Decision));
            var eventTable = Table(db, typeof(DecisionEvent));
            long nextId = 1;
            foreach (var chunk in decisions.Chunk(Batch))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                var events = chunk.Select(d => DecisionEventLog.New(nextId++, DecisionEventKinds.Issued, d.CreatedAt, "bench")).ToList();
                // Events need decision ids; the raw path numbers them itself rather than reading them back.
                var withIds = chunk.Select((d, i) => { d.Id = events[i].DecisionId; return d; }).ToList();
                await InsertAsync(connection, transaction, decisionTable, withIds, includeId: true, ct);
                await InsertAsync(connection, transaction, eventTable, events, includeId: false, ct);
                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The second baseline on PostgreSQL: the same rows by binary COPY (as the API writes them), ids from the sequence.</summary>
    private static async Task RawCopyAsync(CandorDb db, List<Decision> decisions, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var decisionCopy = PostgresCopy.Of(db, typeof(Decision), withId: true);
            var eventCopy = PostgresCopy.Of(db, typeof(DecisionEvent), withId: false);
            foreach (var chunk in decisions.Chunk(Batch))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                var ids = await decisionCopy.ReserveIdsAsync(connection, chunk.Length, ct);
                for (var i = 0; i < chunk.Length; i++) chunk[i].Id = ids[i];
                await decisionCopy.WriteAsync(connection, chunk, ct);
                await eventCopy.WriteAsync(connection, chunk.Select(d => DecisionEventLog.New(d.Id, DecisionEventKinds.Issued, d.CreatedAt, "bench")).ToList(), ct);
                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static (string Name, Microsoft.EntityFrameworkCore.Metadata.IProperty[] Properties, string[] Columns) Table(CandorDb db, Type type)
    {
        var entity = db.Model.FindEntityType(type)!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, null);
        var properties = entity.GetProperties().ToArray();
        return (entity.GetTableName()!, properties, properties.Select(p => p.GetColumnName(store)!).ToArray());
    }

    private static async Task InsertAsync<T>(
        DbConnection connection, DbTransaction transaction, (string Name, Microsoft.EntityFrameworkCore.Metadata.IProperty[] Properties, string[] Columns) table,
        IReadOnlyList<T> rows, bool includeId, CancellationToken ct)
    {
        var columns = Enumerable.Range(0, table.Columns.Length).Where(c => includeId || !table.Properties[c].IsPrimaryKey()).ToArray();
        var mappings = columns.Select(c => (RelationalTypeMapping)table.Properties[c].GetTypeMapping()).ToArray();
        var getters = columns.Select(c => table.Properties[c].GetGetter()).ToArray();
        var prefix = $"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(c => table.Columns[c]))}) VALUES ";
        if (connection is NpgsqlConnection)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(prefix);
            for (var r = 0; r < rows.Count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    command.Parameters.Add(mappings[c].CreateParameter(command, "", getters[c].GetClrValue(rows[r]!), nullable: true));
                    sql.Append(c == 0 ? "$" : ", $").Append(command.Parameters.Count);
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        await using var perRow = connection.CreateCommand();
        perRow.Transaction = transaction;
        perRow.CommandText = prefix + "(" + string.Join(", ", columns.Select((_, i) => "$p" + i)) + ")";
        foreach (var row in rows)
        {
            perRow.Parameters.Clear();
            for (var c = 0; c < columns.Length; c++) perRow.Parameters.Add(mappings[c].CreateParameter(perRow, "$p" + c, getters[c].GetClrValue(row!), nullable: true));
            await perRow.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task PostAllAsync(HttpClient client, byte[][] bodies, CancellationToken ct)
    {
        foreach (var body in bodies) await PostAsync(client, body, ct);
    }

    private static async Task PostAsync(HttpClient client, byte[] body, CancellationToken ct)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/api/v1/statements", content, ct);
        if ((int)response.StatusCode != 201)
            throw new InvalidOperationException($"POST /api/v1/statements answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        await response.Content.CopyToAsync(Stream.Null, ct);
    }
}
