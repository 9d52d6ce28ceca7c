using System.Reflection;
using System.Text.RegularExpressions;
using Berth.Core.Errors;

namespace Berth.Core.Tests.Errors;

public sealed class ErrorCodesTests
{
    private static IEnumerable<ErrorCode> Fields() =>
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ErrorCode))
            .Select(f => (ErrorCode)f.GetValue(null)!);

    [Theory]
    [InlineData(nameof(ErrorCodes.BlobUnknown), "BLOB_UNKNOWN", 404, "blob unknown to registry")]
    [InlineData(nameof(ErrorCodes.BlobUploadInvalid), "BLOB_UPLOAD_INVALID", 400, "blob upload invalid")]
    [InlineData(nameof(ErrorCodes.BlobUploadUnknown), "BLOB_UPLOAD_UNKNOWN", 404, "blob upload unknown to registry")]
    [InlineData(nameof(ErrorCodes.DigestInvalid), "DIGEST_INVALID", 400, "provided digest did not match uploaded content")]
    [InlineData(nameof(ErrorCodes.ManifestBlobUnknown), "MANIFEST_BLOB_UNKNOWN", 400, "manifest references a manifest or blob unknown to registry")]
    [InlineData(nameof(ErrorCodes.ManifestInvalid), "MANIFEST_INVALID", 400, "manifest invalid")]
    [InlineData(nameof(ErrorCodes.ManifestUnknown), "MANIFEST_UNKNOWN", 404, "manifest unknown to registry")]
    [InlineData(nameof(ErrorCodes.NameInvalid), "NAME_INVALID", 400, "invalid repository name")]
    [InlineData(nameof(ErrorCodes.NameUnknown), "NAME_UNKNOWN", 404, "repository name not known to registry")]
    [InlineData(nameof(ErrorCodes.SizeInvalid), "SIZE_INVALID", 400, "provided length did not match content length")]
    [InlineData(nameof(ErrorCodes.Unauthorized), "UNAUTHORIZED", 401, "authentication required")]
    [InlineData(nameof(ErrorCodes.Denied), "DENIED", 403, "requested access to the resource is denied")]
    [InlineData(nameof(ErrorCodes.Unsupported), "UNSUPPORTED", 405, "the operation is unsupported")]
    [InlineData(nameof(ErrorCodes.TooManyRequests), "TOOMANYREQUESTS", 429, "too many requests")]
    public void Every_spec_code_is_in_the_catalogue_with_its_status_and_spec_message(string field, string code, int status, string message)
    {
        var entry = (ErrorCode)typeof(ErrorCodes).GetField(field)!.GetValue(null)!;

        Assert.Equal(new ErrorCode(code, status, message), entry);
        Assert.Contains(entry, ErrorCodes.All);
        Assert.Equal(code, entry.ToString());
    }

    [Theory]
    [InlineData(nameof(ErrorCodes.RangeInvalid), "BLOB_UPLOAD_INVALID", 416)]
    [InlineData(nameof(ErrorCodes.TooLarge), "SIZE_INVALID", 413)]
    [InlineData(nameof(ErrorCodes.PaginationNumberInvalid), "PAGINATION_NUMBER_INVALID", 400)]
    [InlineData(nameof(ErrorCodes.NotFound), "NOT_FOUND", 404)]
    public void Variants_reuse_a_code_with_the_status_their_situation_needs(string field, string code, int status)
    {
        var entry = (ErrorCode)typeof(ErrorCodes).GetField(field)!.GetValue(null)!;

        Assert.Equal(code, entry.Code);
        Assert.Equal(status, entry.HttpStatus);
    }

    [Fact]
    public void All_lists_every_catalogue_field_exactly_once()
    {
        Assert.Equal(Fields().ToHashSet(ReferenceEqualityComparer.Instance), ErrorCodes.All.ToHashSet(ReferenceEqualityComparer.Instance));
        Assert.Equal(ErrorCodes.All.Count, ErrorCodes.All.Distinct().Count());
    }

    [Fact]
    public void Codes_are_uppercase_and_underscores_statuses_are_4xx_and_messages_are_present()
    {
        Assert.All(ErrorCodes.All, c =>
        {
            Assert.Matches(new Regex("^[A-Z_]+$"), c.Code);
            Assert.InRange(c.HttpStatus, 400, 499);
            Assert.False(string.IsNullOrWhiteSpace(c.Message));
        });
    }

    [Fact]
    public void OciError_Of_defaults_the_message_to_the_catalogue_message()
    {
        Assert.Equal("manifest invalid", OciError.Of(ErrorCodes.ManifestInvalid).Message);
        Assert.Equal("custom", OciError.Of(ErrorCodes.ManifestInvalid, "custom").Message);

        var e = new OciException(ErrorCodes.NameInvalid, "bad name", new { name = "A" });
        Assert.Same(ErrorCodes.NameInvalid, e.Error.Code);
        Assert.Equal("bad name", e.Message);
        Assert.NotNull(e.Error.Detail);
    }
}
