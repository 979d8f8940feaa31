using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace Candor.Web.Pages;

public sealed record EndpointDoc(string Method, string Path, string Summary, string? Description);

/// <summary>A readable list of the API, made from the same endpoint metadata the OpenAPI document comes from.</summary>
public sealed class ApiModel(EndpointDataSource endpoints) : PageModel
{
    public IReadOnlyList<IGrouping<string, EndpointDoc>> Groups { get; private set; } = [];

    public void OnGet()
    {
        Groups = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointSummaryMetadata>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new
            {
                Tag = e.Metadata.GetMetadata<ITagsMetadata>()?.Tags is [var first, ..] ? first : "Other",
                Doc = new EndpointDoc(method, "/" + e.RoutePattern.RawText?.TrimStart('/'),
                    e.Metadata.GetMetadata<IEndpointSummaryMetadata>()!.Summary,
                    e.Metadata.GetMetadata<IEndpointDescriptionMetadata>()?.Description),
            }))
            .OrderBy(x => x.Doc.Path, StringComparer.Ordinal)
            .GroupBy(x => x.Tag, x => x.Doc)
            .ToList();
    }
}
