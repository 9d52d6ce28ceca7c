namespace Berth.Api.Oci;

/// <summary>Header names of the distribution API.</summary>
public static class OciHeaders
{
    public const string ApiVersion = "Docker-Distribution-API-Version";
    public const string ApiVersionValue = "registry/2.0";
    public const string ContentDigest = "Docker-Content-Digest";
    public const string UploadUuid = "Docker-Upload-UUID";
    public const string Subject = "OCI-Subject";
    public const string FiltersApplied = "OCI-Filters-Applied";
}
