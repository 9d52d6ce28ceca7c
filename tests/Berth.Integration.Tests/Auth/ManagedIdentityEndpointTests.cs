using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Auth;

/// <summary>The managed identity endpoint lives on a unix socket only and hands out refresh tokens for identities.</summary>
public sealed class ManagedIdentityEndpointTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private const string ZeroUser = "00000000-0000-0000-0000-000000000000";
    private readonly AuthApi _api = new(server);

    private string Socket => Path.Combine(server.DataDirectory, "run", "identity.sock");

    private HttpClient SocketClient() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket), ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = new Uri("http://localhost") };

    [Fact]
    public async Task Workload_gets_a_token_over_the_socket_and_pulls_with_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(Socket));
        var repo = OciClient.NewRepo();
        await new OciClient(server.CreateClient()).PushImageAsync(repo, "v1");
        var name = "mi" + Guid.NewGuid().ToString("N")[..8];
        using var created = await _api.Owner.PostAsJsonAsync("/api/v1/managed-identities", new { name });
        var id = (await AuthApi.ExpectAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await _api.AssignAsync(id, "AcrPull", "/");

        using var client = SocketClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/metadata/identity/oauth2/token?client_id={name}");
        request.Headers.Add("Metadata", "true");
        using var response = await client.SendAsync(request);
        var body = await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        var token = body.GetProperty("access_token").GetString()!;
        Assert.Equal(id, AuthApi.Claims(token).GetProperty("sub").GetString());

        using var pull = await server.CreateClient(ZeroUser, token).GetAsync($"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, pull.StatusCode);
        using var push = await server.CreateClient(ZeroUser, token).PostAsync($"/v2/{repo}/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Forbidden, push.StatusCode);

        using var missingHeader = await client.GetAsync($"/metadata/identity/oauth2/token?client_id={name}");
        Assert.Equal(HttpStatusCode.BadRequest, missingHeader.StatusCode);
        using var unknown = new HttpRequestMessage(HttpMethod.Get, "/metadata/identity/oauth2/token?client_id=nobody");
        unknown.Headers.Add("Metadata", "true");
        using var unknownResponse = await client.SendAsync(unknown);
        Assert.Equal(HttpStatusCode.BadRequest, unknownResponse.StatusCode);
    }

    [Fact]
    public async Task Endpoint_is_not_served_over_tcp_and_the_socket_serves_nothing_else()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var tcp = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metadata/identity/oauth2/token?client_id=x");
        request.Headers.Add("Metadata", "true");
        using var overTcp = await tcp.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, overTcp.StatusCode);

        using var client = SocketClient();
        using var registry = await client.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.NotFound, registry.StatusCode);
    }
}
