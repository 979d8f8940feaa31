using System.Globalization;
using System.Text;
using Candor.Data;
using Candor.Features.Identity;
using Candor.Features.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Candor.Web.Pages.Console.Policies;

/// <summary>
/// <c>/console/policies/import</c>: a policy editor or admin of a platform uploads policy and list files for that
/// platform's catalogue; a super-admin may also publish the installation's catalogue. Refused whole on any problem.
/// </summary>
[RequestSizeLimit(ConsoleImport.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ConsoleImport.MaxRequestBytes)]
public sealed class ImportModel(CandorDb db, TimeProvider clock) : PageModel
{
    public const string Installation = "installation";

    public sealed record Target(string Value, string Name);

    /// <summary>A platform id, or <see cref="Installation"/>.</summary>
    [BindProperty(SupportsGet = true)] public string? Catalogue { get; set; }
    public IReadOnlyList<Target> Targets { get; private set; } = [];
    public PolicyImportResult? Result { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var platforms = User.PlatformsWhere(Roles.PolicyEditor, Roles.Admin);
        var names = await db.Platforms.AsNoTracking().Where(p => platforms.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name }).ToListAsync(HttpContext.RequestAborted);
        var targets = names.Select(p => new Target(p.Id.ToString(CultureInfo.InvariantCulture), p.Name)).ToList();
        if (User.IsSuperAdmin()) targets.Add(new Target(Installation, "the installation's own catalogue"));
        Catalogue ??= targets.FirstOrDefault()?.Value;
        if (Catalogue is null || targets.All(t => t.Value != Catalogue))
        {
            context.Result = new ForbidResult(ConsoleAuthentication.Scheme);
            return;
        }
        Targets = targets;
        await next();
    }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(List<IFormFile> policies, List<IFormFile> lists, CancellationToken ct)
    {
        var platformId = Catalogue == Installation ? (long?)null : long.Parse(Catalogue!, CultureInfo.InvariantCulture);
        Result = await ConsoleImport.RunAsync(db, clock, await ReadAsync(policies, ct), await ReadAsync(lists, ct), platformId, User.Actor(), ct);
    }

    private static async Task<List<ConsoleImport.UploadedFile>> ReadAsync(List<IFormFile> files, CancellationToken ct)
    {
        var read = new List<ConsoleImport.UploadedFile>();
        foreach (var file in files.Where(f => f.Length > 0 || f.FileName.Length > 0))
        {
            // The reader reports a file's size itself; reading stops a little past the limit so a huge part costs nothing.
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            var buffer = new char[ConsoleImport.MaxFileBytes + 1];
            var length = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
            read.Add(new ConsoleImport.UploadedFile(Path.GetFileName(file.FileName), new string(buffer, 0, length)));
        }
        return read;
    }
}
