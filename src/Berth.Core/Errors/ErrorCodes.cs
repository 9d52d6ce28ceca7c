namespace Berth.Core.Errors;

/// <summary>The error catalogue. Codes and statuses follow the OCI distribution spec v1.1.</summary>
public static class ErrorCodes
{
    public static readonly ErrorCode BlobUnknown = new("BLOB_UNKNOWN", 404, "blob unknown to registry");
    public static readonly ErrorCode BlobUploadInvalid = new("BLOB_UPLOAD_INVALID", 400, "blob upload invalid");
    public static readonly ErrorCode BlobUploadUnknown = new("BLOB_UPLOAD_UNKNOWN", 404, "blob upload unknown to registry");
    public static readonly ErrorCode DigestInvalid = new("DIGEST_INVALID", 400, "provided digest did not match uploaded content");
    public static readonly ErrorCode ManifestBlobUnknown = new("MANIFEST_BLOB_UNKNOWN", 400, "manifest references a manifest or blob unknown to registry");
    public static readonly ErrorCode ManifestInvalid = new("MANIFEST_INVALID", 400, "manifest invalid");
    public static readonly ErrorCode ManifestUnknown = new("MANIFEST_UNKNOWN", 404, "manifest unknown to registry");
    public static readonly ErrorCode NameInvalid = new("NAME_INVALID", 400, "invalid repository name");
    public static readonly ErrorCode NameUnknown = new("NAME_UNKNOWN", 404, "repository name not known to registry");
    public static readonly ErrorCode SizeInvalid = new("SIZE_INVALID", 400, "provided length did not match content length");
    public static readonly ErrorCode Unauthorized = new("UNAUTHORIZED", 401, "authentication required");
    public static readonly ErrorCode Denied = new("DENIED", 403, "requested access to the resource is denied");
    public static readonly ErrorCode Unsupported = new("UNSUPPORTED", 405, "the operation is unsupported");
    public static readonly ErrorCode TooManyRequests = new("TOOMANYREQUESTS", 429, "too many requests");

    /// <summary>Out-of-order chunk or bad Content-Range: the spec answers 416 with the upload's status.</summary>
    public static readonly ErrorCode RangeInvalid = new("BLOB_UPLOAD_INVALID", 416, "requested range not satisfiable");

    /// <summary>Request body over a configured limit.</summary>
    public static readonly ErrorCode TooLarge = new("SIZE_INVALID", 413, "request body too large");

    /// <summary>A listing's <c>n</c> is not a non-negative integer (the code distribution uses).</summary>
    public static readonly ErrorCode PaginationNumberInvalid = new("PAGINATION_NUMBER_INVALID", 400, "invalid number of results requested");

    /// <summary>A malformed request to the token service (bad scope, unknown service or grant type).</summary>
    public static readonly ErrorCode TokenRequestInvalid = new("INVALID_REQUEST", 400, "invalid token request");

    /// <summary>A path under <c>/v2/</c> that is no endpoint of the API.</summary>
    public static readonly ErrorCode NotFound = new("NOT_FOUND", 404, "no such endpoint");

    /// <summary>
    /// A push that would take the registry past its SKU's included storage: 403 DENIED (as Harbor answers quota
    /// refusals), the message naming the bytes used, added and allowed.
    /// </summary>
    public static readonly ErrorCode StorageQuotaExceeded = new("DENIED", 403, "storage quota exceeded");

    /// <summary>Every code of the catalogue, for documentation and tests.</summary>
    public static IReadOnlyList<ErrorCode> All { get; } =
    [
        BlobUnknown, BlobUploadInvalid, BlobUploadUnknown, DigestInvalid, ManifestBlobUnknown, ManifestInvalid,
        ManifestUnknown, NameInvalid, NameUnknown, SizeInvalid, Unauthorized, Denied, Unsupported, TooManyRequests,
        RangeInvalid, TooLarge, PaginationNumberInvalid, TokenRequestInvalid, NotFound,
        StorageQuotaExceeded,
    ];
}
